package io.tally.projection.runtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;

/**
 * A store that a projection keeps: the only thing a new projection has to write. The runtime owns consuming,
 * batching, decoding, dead-lettering, backoff and status; a sink owns its tables and how it stays exactly-once.
 *
 * <p>The sink's offsets are the truth: the runtime seeks to {@link #resumeOffsets()} on every assignment and after
 * every failure, and never trusts a Kafka group commit.
 */
public interface ProjectionSink {

  /** The projection's name, e.g. {@code pg-orders}; used in offsets, metrics, DLQ headers and the admin API. */
  String name();

  /**
   * The form in which the runtime holds a valid event from decoding until its batch is written; called on the
   * decode threads, possibly several at once. By default the event itself. A sink that writes large batches
   * encodes its row here ({@link ProjectedEvent#asRow}): catching up, the held events are most of the heap that
   * survives a young collection, and a row is a tenth of a payload tree. Replays, redrives and tests may still
   * hand the sink events in their full form.
   */
  default ProjectedEvent held(ProjectedEvent event) {
    return event;
  }

  /** Creates the sink's tables when missing; idempotent, called before the first resume. */
  Future<Void> prepare();

  /**
   * The next offset to read per partition of the events topic, as the store recorded it. A partition the store
   * has never seen is absent (read it from the beginning).
   */
  Future<Map<Integer, Long>> resumeOffsets();

  /**
   * Writes the batch's events and records {@link SinkBatch#nextOffsets()} so that the store either has all of it
   * or none of it (as far as the store allows; see each sink). Applying a batch the store already has changes
   * nothing.
   */
  Future<Void> apply(SinkBatch batch);

  /**
   * Writes events taken out of the dead-letter topic: they are older than the resume point, so offsets stay
   * untouched. Must be idempotent: a redrive interrupted half-way is simply run again.
   */
  Future<Void> applyRedriven(List<ProjectedEvent> events);

  /**
   * Deletes every row of one tenant from the sink's tables (every table of the view that carries a tenant) and
   * says what it deleted; a second call finds nothing. The tenant erasure calls it once the runtime no longer
   * writes the tenant ({@link ErasedTenants}). A sink in Postgres deletes through {@code postgres}, the erasure's
   * one open transaction, so its deletes commit together with the register entry and the catalog removal; a sink
   * in another store leaves that connection alone and finishes its own deletes before it answers.
   */
  Future<SinkErasure> eraseTenant(String tenant, SqlConnection postgres);

  /** Tables and guarantees, for the admin API. */
  JsonObject describe();

  /** Shadow tables for a rebuild of everything or of one tenant, while this sink keeps serving. */
  ShadowSink shadow(ReplayScope scope);
}
