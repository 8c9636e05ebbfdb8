package io.tally.projection.ch;

import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.ReplayScope;
import io.tally.projection.runtime.ShadowSink;
import io.tally.projection.runtime.SinkBatch;
import io.tally.projection.runtime.SinkErasure;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.clickhouse.ClickHouseSql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Projection ch-analytics: one row per event in a MergeTree table, rollups per hour (by status) and per day behind
 * materialized views. ClickHouse 18.16 has no transactions and no insert de-duplication on MergeTree, so exactly
 * once rests on three things: every row carries its (partition, offset); one insert is one block, written whole
 * or not at all; and the resume point is read back from the data (max offset + 1 per partition, or a checkpoint
 * row where a batch ended in records that produce no row), after waiting out any insert of ours still running on
 * the server, so an ambiguous failure is never retried blindly.
 */
public class ChAnalyticsSink implements ProjectionSink {
  public static final String NAME = "ch-analytics";

  final Vertx vertx;
  final ClickHouseHttp ch;
  final String topic;
  final ChTables tables;
  private volatile Map<Integer, Long> known;

  public ChAnalyticsSink(Vertx vertx, ClickHouseHttp ch, String topic) {
    this(vertx, ch, topic, ChTables.live());
  }

  ChAnalyticsSink(Vertx vertx, ClickHouseHttp ch, String topic, ChTables tables) {
    this.vertx = vertx;
    this.ch = ch;
    this.topic = topic;
    this.tables = tables;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Batches of up to 50,000 events wait as their encoded rows, not as payload trees (see ProjectionSink). */
  @Override
  public ProjectedEvent held(ProjectedEvent event) {
    return event.asRow(ChRows.encoded(event));
  }

  @Override
  public Future<Void> prepare() {
    return executeAll(ChSchema.create(tables));
  }

  @Override
  public Future<Map<Integer, Long>> resumeOffsets() {
    return ChInsertsInFlight.awaitNone(vertx, ch, qualified(tables.events()))
        .compose(v -> ch.query(ChSchema.resumePoint(tables)))
        .map(rows -> {
          Map<Integer, Long> offsets = new TreeMap<>();
          rows.forEach(r -> offsets.put(r.getInteger("p"), r.getLong("next")));
          known = Map.copyOf(offsets);
          return offsets;
        });
  }

  @Override
  public Future<Void> apply(SinkBatch batch) {
    Future<Map<Integer, Long>> resume = known == null ? resumeOffsets() : Future.succeededFuture(known);
    return resume.compose(stored -> write(batch, stored));
  }

  private Future<Void> write(SinkBatch batch, Map<Integer, Long> stored) {
    long now = System.currentTimeMillis() / 1000;
    // Filtering, splitting and encoding a whole batch is CPU work: on a worker thread, the poll thread fetches
    // and decodes the next batch meanwhile.
    return vertx.executeBlocking(() -> encode(batch, stored, now), false).compose(encoded -> {
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < encoded.blocks().size(); i++) {
        Buffer rows = encoded.blocks().get(i);
        int count = encoded.rowCounts().get(i);
        chain = chain.compose(v -> ChRows.insert(ch, qualified(tables.events()), rows, count));
      }
      return chain
          .compose(v -> ch.insertJsonEachRow(qualified(tables.checkpoints()), encoded.checkpoints()))
          .onSuccess(v -> known = Map.copyOf(encoded.reached()))
          .onFailure(e -> known = null); // ambiguous: read the store again before anything else
    });
  }

  /** A batch ready to insert: row blocks, then checkpoints, and the resume point once all of it landed. */
  private record Encoded(List<Buffer> blocks, List<Integer> rowCounts, List<JsonObject> checkpoints,
                         Map<Integer, Long> reached) {}

  private static Encoded encode(SinkBatch batch, Map<Integer, Long> stored, long now) {
    // A batch the store already has (redelivery) writes nothing: the resume point is the filter. Events come in
    // runs of one partition, so the maps are read and written once per run, not boxed per event.
    List<ProjectedEvent> fresh = new ArrayList<>(batch.events().size());
    Map<Integer, Long> reached = new HashMap<>(stored);
    int partition = -1;
    long from = 0;
    long upTo = 0;
    for (ProjectedEvent e : batch.events()) {
      if (e.partition() != partition) {
        reach(reached, partition, upTo);
        partition = e.partition();
        from = stored.getOrDefault(partition, 0L);
        upTo = 0;
      }
      if (e.offset() >= from) {
        fresh.add(e);
        upTo = Math.max(upTo, e.offset() + 1);
      }
    }
    reach(reached, partition, upTo);
    List<Buffer> blocks = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (List<ProjectedEvent> block : blocks(fresh)) {
      blocks.add(ChRows.rows(block, now));
      counts.add(block.size());
    }
    List<JsonObject> checkpoints = new ArrayList<>();
    batch.nextOffsets().forEach((p, next) -> {
      if (reached.getOrDefault(p, 0L) < next) {
        checkpoints.add(new JsonObject().put("kafka_partition", p).put("next_offset", next).put("at", now));
      }
      reached.merge(p, next, Math::max);
    });
    return new Encoded(blocks, counts, checkpoints, reached);
  }

  private static void reach(Map<Integer, Long> reached, int partition, long next) {
    if (next > 0) {
      reached.merge(partition, next, Math::max);
    }
  }

  /**
   * One insert per block, each within one month partition (a block spanning partitions is written as one part
   * per partition, not atomically). Blocks follow (partition, offset) order, so whatever prefix of them lands,
   * max offset per partition is still exactly what the store has.
   */
  static List<List<ProjectedEvent>> blocks(List<ProjectedEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    if (ChRows.oneMonth(events)) {
      return List.of(events);
    }
    List<ProjectedEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingInt(ProjectedEvent::partition).thenComparingLong(ProjectedEvent::offset));
    List<List<ProjectedEvent>> blocks = new ArrayList<>();
    List<ProjectedEvent> current = new ArrayList<>();
    int month = ChRows.month(sorted.get(0));
    for (ProjectedEvent e : sorted) {
      if (ChRows.month(e) != month) {
        blocks.add(current);
        current = new ArrayList<>();
        month = ChRows.month(e);
      }
      current.add(e);
    }
    blocks.add(current);
    return blocks;
  }

  @Override
  public Future<Void> applyRedriven(List<ProjectedEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> ids = events.stream().map(e -> e.envelope().eventId()).distinct().toList();
    return ch.query("SELECT toString(event_id) AS id FROM " + tables.events() + " WHERE toString(event_id) IN "
            + ClickHouseSql.inList(ids))
        .compose(rows -> {
          Set<String> present = rows.stream().map(r -> r.getString("id")).collect(Collectors.toSet());
          long now = System.currentTimeMillis() / 1000;
          List<ProjectedEvent> missing = events.stream().filter(e -> present.add(e.envelope().eventId())).toList();
          return ChRows.insert(ch, qualified(tables.events()), missing, now);
        });
  }

  /** ClickHouse mutations, waited for (see {@link ChTenantErasure}); this store has nothing in Postgres. */
  @Override
  public Future<SinkErasure> eraseTenant(String tenant, SqlConnection postgres) {
    return new ChTenantErasure(vertx, ch, tables).erase(NAME, tenant);
  }

  @Override
  public JsonObject describe() {
    return new JsonObject()
        .put("store", "clickhouse")
        .put("database", ch.database())
        .put("tables", new JsonArray().add(tables.events()).add(tables.hourly()).add(tables.daily())
            .add(tables.checkpoints()))
        .put("views", new JsonArray().add(tables.hourlyView()).add(tables.dailyView()))
        .put("offsets", "read back from the data: max(kafka_offset) + 1 per partition, and checkpoints");
  }

  @Override
  public ShadowSink shadow(ReplayScope scope) {
    return new ChShadowSink(vertx, ch, topic, scope);
  }

  String qualified(String table) {
    return ClickHouseSql.qualified(ch.database(), table);
  }

  Future<Void> executeAll(List<String> statements) {
    Future<Void> chain = Future.succeededFuture();
    for (String sql : statements) {
      chain = chain.compose(v -> ch.execute(sql));
    }
    return chain;
  }
}
