package io.tally.projection.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A projection's meters. The success-ratio SLI is {@code tally_projection_events_total{outcome="applied"}} over
 * all outcomes; lag is per partition; the end-to-end latency runs from the event's time (decider accepted the
 * command) to the store's commit.
 */
public final class ProjectionMetrics {
  static final int LATENCY_SAMPLES = 1024;
  private final Counter applied;
  private final Counter deadLettered;
  private final Counter retries;
  private final DistributionSummary batchSize;
  private final Timer batchDuration;
  private final Timer endToEnd;
  private final MultiGauge lagEvents;
  private final MultiGauge lagSeconds;

  public ProjectionMetrics(MeterRegistry registry, String projection, Supplier<ProjectionStatus> status) {
    Tags tags = Tags.of("projection", projection);
    applied = Counter.builder("tally_projection_events_total").tags(tags).tag("outcome", "applied")
        .description("Events written to the store").register(registry);
    deadLettered = Counter.builder("tally_projection_events_total").tags(tags).tag("outcome", "dead_lettered")
        .description("Records sent to the dead-letter topic").register(registry);
    retries = Counter.builder("tally_projection_retries_total").tags(tags)
        .description("Failed attempts to write a batch (store or DLQ unavailable)").register(registry);
    batchSize = DistributionSummary.builder("tally_projection_batch_size").tags(tags)
        .publishPercentiles(0.5, 0.99).register(registry);
    batchDuration = Timer.builder("tally_projection_batch_duration").tags(tags)
        .description("From taking a batch to the store's commit, retries included")
        .publishPercentiles(0.5, 0.99).register(registry);
    endToEnd = Timer.builder("tally_projection_end_to_end_latency").tags(tags)
        .description("Event time to committed in the store; every event of batches up to " + LATENCY_SAMPLES
            + " events, an evenly spaced sample of that many from larger ones")
        .publishPercentileHistogram().publishPercentiles(0.5, 0.9, 0.99)
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
    lagEvents = MultiGauge.builder("tally_projection_lag_events").tags(tags)
        .description("Records in the log the store does not have yet").register(registry);
    lagSeconds = MultiGauge.builder("tally_projection_lag_seconds").tags(tags)
        .description("Age of the oldest record the store does not have yet").register(registry);
    Gauge.builder("tally_projection_state", status, s -> s.get().state().ordinal()).tags(tags)
        .description("RuntimeState ordinal: 0 starting, 1 running, 2 paused, 3 retrying, 4 replaying, 5 stopped")
        .register(registry);
  }

  void batchApplied(BatchInProgress b, long nowMs) {
    applied.increment(b.batch.events().size());
    deadLettered.increment(b.poison.size());
    batchSize.record(b.records.size());
    batchDuration.record(System.nanoTime() - b.takenNanos, TimeUnit.NANOSECONDS);
    // Every event of a batch up to LATENCY_SAMPLES events (live traffic), an evenly spaced sample of a larger one
    // (catching up): one timer update per event was a twentieth of the catch-up's CPU, and the percentiles of a
    // batch's evenly spaced events are its percentiles.
    List<ProjectedEvent> events = b.batch.events();
    int stride = Math.max(1, (events.size() + LATENCY_SAMPLES - 1) / LATENCY_SAMPLES);
    for (int i = 0; i < events.size(); i += stride) {
      long occurredMs = events.get(i).envelope().occurredAt().toEpochMilli();
      endToEnd.record(Math.max(0, nowMs - occurredMs), TimeUnit.MILLISECONDS);
    }
  }

  void retried() {
    retries.increment();
  }

  void publish(List<PartitionStatus> partitions) {
    lagEvents.register(partitions.stream().map(p -> MultiGauge.Row.of(Tags.of("partition",
        Integer.toString(p.partition())), p.lagEvents())).toList(), true);
    lagSeconds.register(partitions.stream().map(p -> MultiGauge.Row.of(Tags.of("partition",
        Integer.toString(p.partition())), p.lagSeconds())).toList(), true);
  }

  /** The end-to-end latency timer, for benchmarks that read its percentiles. */
  public Timer endToEnd() {
    return endToEnd;
  }
}
