package io.tally.projection.runtime;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store answers, and when to ask it again: exponential backoff after each failure, reset by the
 * first success. A failing store is never a reason to dead-letter anything; the runtime just waits and retries.
 */
final class StoreHealth {
  private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);
  private final String projection;
  private final Backoff backoff;
  private final ProjectionMetrics metrics;
  private long retryAtNanos;
  private String lastError;

  StoreHealth(String projection, Backoff backoff, ProjectionMetrics metrics) {
    this.projection = projection;
    this.backoff = backoff;
    this.metrics = metrics;
  }

  void answered() {
    backoff.reset();
    lastError = null;
  }

  void failed(String what, Throwable cause, long nowNanos) {
    long delay = backoff.nextDelayMs();
    retryAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(delay);
    lastError = what + ": " + ProjectionLoop.describe(cause);
    metrics.retried();
    LOG.warn("projection {}: {} failed (attempt {}), retrying in {} ms: {}", projection, what, backoff.attempts(),
        delay, ProjectionLoop.describe(cause));
  }

  /** True when the store may be asked again (no failure, or the backoff has run out). */
  boolean mayTry(long nowNanos) {
    return nowNanos >= retryAtNanos;
  }

  long nanosUntilRetry(long nowNanos) {
    return retryAtNanos - nowNanos;
  }

  boolean failing() {
    return lastError != null;
  }

  String lastError() {
    return lastError;
  }

  long retryInMs(long nowNanos) {
    return lastError == null ? 0 : Math.max(0, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - nowNanos));
  }

  int attempts() {
    return backoff.attempts();
  }
}
