package io.tally.projection.replay;

import io.tally.projection.runtime.Backoff;
import io.tally.projection.runtime.DecodedRecord;
import io.tally.projection.runtime.ErasedTenants;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.runtime.ReplayScope;
import io.tally.projection.runtime.ShadowSink;
import io.tally.projection.runtime.SinkBatch;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a replay read into the shadow: the scope's events (a tenant replay skips the others, and every
 * replay skips erased tenants, whose records stay in the log until its retention; offsets still move past
 * them), retried with backoff while the store is down; after a failure only what the shadow lacks. Poison is
 * counted, not dead-lettered again. Blocking: runs on the replay's thread.
 */
final class ShadowWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ShadowWriter.class);
  private final ShadowSink shadow;
  private final ReplayScope scope;
  private final ErasedTenants erased;
  private final Backoff backoff;
  private final Supplier<Boolean> cancelled;
  long applied;
  long poisonSkipped;

  ShadowWriter(ShadowSink shadow, ReplayScope scope, ErasedTenants erased, Backoff backoff,
               Supplier<Boolean> cancelled) {
    this.shadow = shadow;
    this.scope = scope;
    this.erased = erased;
    this.backoff = backoff;
    this.cancelled = cancelled;
  }

  /** @param finalOffsets when the replay is level with the paused live view: record exactly these offsets */
  void write(List<DecodedRecord> records, Map<Integer, Long> finalOffsets) throws Exception {
    List<ProjectedEvent> events = new ArrayList<>();
    Map<Integer, Long> next = new HashMap<>();
    for (DecodedRecord r : records) {
      if (r instanceof DecodedRecord.Valid v && scope.includes(v.event().tenant())
          && !erased.contains(v.event().tenant())) {
        events.add(v.event());
      } else if (r instanceof DecodedRecord.Poison) {
        poisonSkipped++;
      }
      next.merge(r.partition(), r.offset() + 1, Math::max);
    }
    if (finalOffsets != null) {
      finalOffsets.forEach((p, o) -> next.merge(p, o, Math::max));
    }
    SinkBatch batch = new SinkBatch(events, next);
    retrying("writing the shadow", () -> shadow.apply(batch), () -> shadow.resumeOffsets().compose(resume -> {
      List<ProjectedEvent> rest = batch.events().stream()
          .filter(e -> e.offset() >= resume.getOrDefault(e.partition(), 0L)).toList();
      return shadow.apply(new SinkBatch(rest, batch.nextOffsets()));
    }));
    applied += events.size();
  }

  void retrying(String what, Supplier<Future<Void>> first) throws Exception {
    retrying(what, first, first);
  }

  private void retrying(String what, Supplier<Future<Void>> first, Supplier<Future<Void>> again) throws Exception {
    Supplier<Future<Void>> attempt = first;
    while (true) {
      try {
        await(attempt.get());
        backoff.reset();
        return;
      } catch (Exception e) {
        if (cancelled.get()) {
          throw e;
        }
        long delay = backoff.nextDelayMs();
        LOG.warn("replay: {} failed, retrying in {} ms: {}", what, delay, e.toString());
        Thread.sleep(delay);
        attempt = again;
      }
    }
  }

  static void await(Future<?> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }
}
