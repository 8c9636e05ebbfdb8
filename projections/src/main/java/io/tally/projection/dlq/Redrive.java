package io.tally.projection.dlq;

import io.tally.projection.runtime.DecodedRecord;
import io.tally.projection.runtime.ErasedTenants;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.RecordDecoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives pending dead letters another chance with this build (after an upgrade taught it a new schema version,
 * say): those that now decode are applied to the store and marked redriven; the rest stay pending, with the
 * reason they still fail. Applying is idempotent, so a redrive that died half-way is simply run again.
 * Blocking; call it from a worker.
 */
public final class Redrive {
  private final DeadLetterLog log;
  private final String bootstrap;
  private final String dlqTopic;
  private final ErasedTenants erased;

  public Redrive(DeadLetterLog log, String bootstrap, String dlqTopic) {
    this(log, bootstrap, dlqTopic, ErasedTenants.none());
  }

  /** erased: tenants whose dead letters are never applied again (they stay until the DLQ's retention). */
  public Redrive(DeadLetterLog log, String bootstrap, String dlqTopic, ErasedTenants erased) {
    this.log = log;
    this.bootstrap = bootstrap;
    this.dlqTopic = dlqTopic;
    this.erased = erased;
  }

  /** @param tenant only this tenant's dead letters, or every tenant's when null */
  public JsonObject run(ProjectionSink sink, String tenant) throws Exception {
    List<DeadLetterEntry> candidates = log.pending(sink.name()).stream()
        .filter(e -> tenant == null || tenant.equals(e.tenant()))
        .filter(e -> e.tenant() == null || !erased.contains(e.tenant())).toList();
    List<ProjectedEvent> readable = new ArrayList<>();
    List<DeadLetterEntry> passing = new ArrayList<>();
    JsonArray stillPoison = new JsonArray();
    for (DeadLetterEntry entry : candidates) {
      DecodedRecord decoded = RecordDecoder.decode(entry.asSourceRecord());
      if (decoded instanceof DecodedRecord.Valid valid) {
        readable.add(valid.event());
        passing.add(entry);
      } else {
        DecodedRecord.Poison poison = (DecodedRecord.Poison) decoded;
        stillPoison.add(entry.toJson().put("reasonNow", poison.reason().code()).put("detailNow", poison.detail()));
      }
    }
    sink.applyRedriven(erased.without(readable)).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    JsonArray redriven = new JsonArray();
    try (DeadLetterWriter writer = new DeadLetterWriter(bootstrap, dlqTopic, sink.name(), Clock.systemUTC())) {
      List<CompletableFuture<Void>> marks = new ArrayList<>();
      for (DeadLetterEntry entry : passing) {
        marks.add(writer.markRedriven(entry));
        redriven.add(entry.toJson());
      }
      CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
    }
    return new JsonObject()
        .put("projection", sink.name())
        .put("redrivenCount", redriven.size())
        .put("stillPoisonCount", stillPoison.size())
        .put("redriven", redriven)
        .put("stillPoison", stillPoison);
  }
}
