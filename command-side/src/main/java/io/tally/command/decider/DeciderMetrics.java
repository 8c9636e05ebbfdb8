package io.tally.command.decider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** What an operator watches on a decider: transaction time, batch sizes, decisions, aborts, rebuilds. */
final class DeciderMetrics {
  private final MeterRegistry registry;
  private final Timer transaction;
  private final DistributionSummary batch;
  private final Timer rebuild;
  private final Counter rebuiltEvents;
  private final Counter rebuiltOutcomes;
  private final Counter skippedEvents;
  final AtomicLong ownedPartitions = new AtomicLong();
  final AtomicLong orders = new AtomicLong();
  volatile long lastCommitMillis = System.currentTimeMillis();
  /** True while newly owned partitions are being rebuilt: their commands wait (and may be answered 202). */
  volatile boolean rebuilding;

  /** @param loop which decider loop of this process the gauges describe */
  DeciderMetrics(MeterRegistry registry, String loop) {
    this.registry = registry;
    this.transaction = Timer.builder("tally_decider_transaction_seconds")
        .description("one batch: send events, outcomes and offsets, commit")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    this.batch = DistributionSummary.builder("tally_decider_batch_commands")
        .description("commands decided per transaction").publishPercentileHistogram()
        .minimumExpectedValue(1.0).maximumExpectedValue(10_000.0).register(registry);
    this.rebuild = Timer.builder("tally_decider_rebuild_seconds")
        .description("rebuilding state and the command index for newly owned partitions")
        .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    this.rebuiltEvents = registry.counter("tally_decider_rebuild_events_total");
    this.rebuiltOutcomes = registry.counter("tally_decider_rebuild_outcomes_total");
    this.skippedEvents = registry.counter("tally_decider_rebuild_skipped_events_total");
    registry.gauge("tally_decider_owned_partitions", java.util.List.of(io.micrometer.core.instrument.Tag.of("loop",
        loop)), ownedPartitions);
    registry.gauge("tally_decider_orders", java.util.List.of(io.micrometer.core.instrument.Tag.of("loop", loop)),
        orders);
  }

  void committed(BatchPlan plan, long nanos) {
    transaction.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    batch.record(plan.steps.size());
    lastCommitMillis = System.currentTimeMillis();
    for (Step step : plan.steps) {
      if (step.kind != Step.Kind.UNANSWERABLE) {
        registry.counter("tally_decider_commands_total", "tenant", step.tenant,
            "type", step.commandType == null ? "unknown" : step.commandType,
            "outcome", step.kind.name().toLowerCase()).increment();
      }
    }
  }

  void aborted(String reason) {
    registry.counter("tally_decider_aborts_total", "reason", reason).increment();
  }

  void rebuilt(long nanos, long events, long outcomes, long skipped) {
    rebuild.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    rebuiltEvents.increment(events);
    rebuiltOutcomes.increment(outcomes);
    skippedEvents.increment(skipped);
  }
}
