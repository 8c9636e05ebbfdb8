package io.tally.command.tenants;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-tenant rate limits, checked before a command reaches the log. Buckets live in this instance: with k
 * instances behind a balancer a tenant gets up to k times its quota; set the catalog quota per instance (see
 * docs/adr/0010) or put a shared limiter in front.
 */
public final class Quotas {
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final LongSupplier clock;

  public Quotas(MeterRegistry registry) {
    this(registry, System::nanoTime);
  }

  Quotas(MeterRegistry registry, LongSupplier clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** The verdict on n more commands for a tenant. */
  public record Verdict(boolean allowed, long retryAfterSeconds, boolean neverFits) {}

  public Verdict take(Tenant tenant, int commands) {
    long wait = buckets.computeIfAbsent(tenant.id(), id -> new TokenBucket())
        .take(commands, tenant.quota(), clock.getAsLong());
    if (wait == 0) {
      return new Verdict(true, 0, false);
    }
    registry.counter("tally_quota_throttled_total", "tenant", tenant.id()).increment();
    if (wait == Long.MAX_VALUE) {
      return new Verdict(false, 1, true);
    }
    return new Verdict(false, Math.max(1, (wait + 999_999_999L) / 1_000_000_000L), false);
  }
}
