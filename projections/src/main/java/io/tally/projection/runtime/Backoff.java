package io.tally.projection.runtime;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for a store that does not answer: initial, twice that, ... up to max. The jitter
 * (±20%) keeps several projections from hammering a recovering store in lockstep.
 */
public final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private long nextMs;
  private int attempts;

  public Backoff(long initialMs, long maxMs) {
    if (initialMs < 1 || maxMs < initialMs) {
      throw new IllegalArgumentException("need 1 <= initial <= max, got " + initialMs + " and " + maxMs);
    }
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.nextMs = initialMs;
  }

  /** The delay before the next attempt; each call doubles the following one up to max. */
  public long nextDelayMs() {
    long base = nextMs;
    nextMs = Math.min(maxMs, nextMs * 2);
    attempts++;
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Math.max(1, Math.min(maxMs, Math.round(base * jitter)));
  }

  public void reset() {
    nextMs = initialMs;
    attempts = 0;
  }

  /** Failed attempts since the last success. */
  public int attempts() {
    return attempts;
  }
}
