package io.tally.command.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuotasTest {
  private final AtomicLong now = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Quotas quotas = new Quotas(registry, now::get);
  private final Tenant tenant = new Tenant("acme", "Acme", new Tenant.Quota(10, 20), 30, Instant.EPOCH,
      Instant.EPOCH);

  @Test
  void aQuietTenantMaySpendItsBurstThenWaitsForTheRate() {
    assertThat(quotas.take(tenant, 20).allowed()).isTrue();
    Quotas.Verdict refused = quotas.take(tenant, 5);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1); // 5 tokens at 10/s: half a second, rounded up
    now.addAndGet(500_000_000L);
    assertThat(quotas.take(tenant, 5).allowed()).isTrue();
    assertThat(registry.counter("tally_quota_throttled_total", "tenant", "acme").count()).isEqualTo(1);
  }

  @Test
  void retryAfterGrowsWithTheDeficit() {
    quotas.take(tenant, 20);
    assertThat(quotas.take(tenant, 20).retryAfterSeconds()).isEqualTo(2);
  }

  @Test
  void moreThanTheBurstNeverFits() {
    Quotas.Verdict verdict = quotas.take(tenant, 21);
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.neverFits()).isTrue();
  }

  @Test
  void tenantsDoNotShareBuckets() {
    Tenant other = new Tenant("globex", "Globex", new Tenant.Quota(10, 20), 30, Instant.EPOCH, Instant.EPOCH);
    quotas.take(tenant, 20);
    assertThat(quotas.take(other, 20).allowed()).isTrue();
  }
}
