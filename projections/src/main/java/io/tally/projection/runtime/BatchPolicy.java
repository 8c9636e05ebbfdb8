package io.tally.projection.runtime;

import java.time.Duration;

/**
 * When a batch closes: at {@code maxEvents} records or when its oldest record has waited {@code maxWait},
 * whichever comes first. {@code maxEvents} is also the backpressure bound: with one batch in the store and one
 * waiting, the runtime pauses its partitions instead of buffering more.
 */
public record BatchPolicy(int maxEvents, Duration maxWait) {

  public BatchPolicy {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be >= 1, was " + maxEvents);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
  }
}
