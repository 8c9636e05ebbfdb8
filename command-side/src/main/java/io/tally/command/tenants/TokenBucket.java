package io.tally.command.tenants;

/**
 * A token bucket: {@code rate} tokens per second, holding at most {@code burst}. Answers how long the caller
 * must wait instead of just no, so the 429 can carry an honest Retry-After.
 */
final class TokenBucket {
  private double tokens;
  private long lastNanos;
  private boolean started;

  /** 0 when n tokens were taken; otherwise nanoseconds until they would be there (nothing is taken). */
  synchronized long take(int n, Tenant.Quota quota, long nowNanos) {
    if (!started) {
      tokens = quota.burst();
      lastNanos = nowNanos;
      started = true;
    }
    double refill = (nowNanos - lastNanos) / 1e9 * quota.commandsPerSecond();
    tokens = Math.min(quota.burst(), tokens + refill);
    lastNanos = nowNanos;
    if (tokens >= n) {
      tokens -= n;
      return 0;
    }
    if (n > quota.burst()) {
      return Long.MAX_VALUE;
    }
    return (long) Math.ceil((n - tokens) / quota.commandsPerSecond() * 1e9);
  }
}
