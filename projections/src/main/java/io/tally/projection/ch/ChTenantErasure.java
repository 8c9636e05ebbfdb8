package io.tally.projection.ch;

import io.tally.projection.runtime.SinkErasure;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.clickhouse.ClickHouseSql;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Deletes one tenant from the ClickHouse view. ClickHouse 18.16 deletes with {@code ALTER TABLE … DELETE}: a
 * mutation that rewrites the affected parts in the background (MergeTree and SummingMergeTree alike; a
 * materialized view with TO has no rows of its own) and has no mutations_sync, so this polls system.mutations
 * until each is done. Every table that carries a tenant is cleared: the events table, both rollups, and the
 * same tables left as {@code __shadow} or {@code __old} by a replay or swap that died.
 *
 * <p>The resume point is read back from the data (max offset per partition), and the tenant's rows may be the
 * newest of a partition: before deleting, the current resume point is written as checkpoint rows, so it never
 * moves back and nothing is applied twice.
 */
final class ChTenantErasure {
  static final long POLL_MS = 200;
  static final long MUTATION_DEADLINE_MS = 5 * 60_000;

  private final Vertx vertx;
  private final ClickHouseHttp ch;
  private final ChTables live;

  ChTenantErasure(Vertx vertx, ClickHouseHttp ch, ChTables live) {
    this.vertx = vertx;
    this.ch = ch;
    this.live = live;
  }

  Future<SinkErasure> erase(String projection, String tenant) {
    String where = " WHERE tenant = " + ClickHouseSql.literal(tenant);
    Map<String, Long> rows = new LinkedHashMap<>();
    return tenantTables().compose(tables -> {
      Future<Void> counted = Future.succeededFuture();
      for (String table : tables) {
        counted = counted.compose(v -> ch.query("SELECT count() AS n FROM " + table + where))
            .map(r -> {
              rows.put(table, r.get(0).getLong("n"));
              return null;
            });
      }
      return counted.map(v -> rows.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList());
    }).compose(holding -> {
      if (holding.isEmpty()) {
        return Future.succeededFuture(List.<String>of()); // a repeated erasure: nothing to pin or delete
      }
      Future<Void> deleted = pinResumePoint(holding);
      for (String table : holding) {
        deleted = deleted.compose(v -> ch.execute("ALTER TABLE " + qualified(table) + " DELETE" + where));
      }
      return deleted.compose(v -> awaitMutations(holding, tenant));
    }).map(mutations -> new SinkErasure(projection, "clickhouse", rows, mutations));
  }

  /** The MergeTree tables of this view (live and leftovers) that exist now. */
  private Future<List<String>> tenantTables() {
    List<String> candidates = new ArrayList<>();
    for (String name : List.of(live.events(), live.hourly(), live.daily())) {
      candidates.addAll(List.of(name, name + ChTables.SHADOW, name + ChTables.OLD));
    }
    return ch.query("SELECT name FROM system.tables WHERE database = " + ClickHouseSql.literal(ch.database())
            + " AND engine LIKE '%MergeTree' AND name IN " + ClickHouseSql.inList(candidates))
        .map(found -> {
          List<String> names = found.stream().map(r -> r.getString("name")).toList();
          return candidates.stream().filter(names::contains).toList(); // live tables first, in a fixed order
        });
  }

  private Future<Void> pinResumePoint(List<String> holding) {
    if (!holding.contains(live.events())) {
      return Future.succeededFuture();
    }
    long now = System.currentTimeMillis() / 1000;
    return ch.query(ChSchema.resumePoint(live)).compose(points -> ch.insertJsonEachRow(qualified(live.checkpoints()),
        points.stream().map(p -> new JsonObject().put("kafka_partition", p.getInteger("p"))
            .put("next_offset", p.getLong("next")).put("at", now)).toList()));
  }

  /** Waits until every mutation deleting this tenant from these tables is done; returns their ids. */
  private Future<List<String>> awaitMutations(List<String> tables, String tenant) {
    String sql = "SELECT table, mutation_id, is_done FROM system.mutations WHERE database = "
        + ClickHouseSql.literal(ch.database()) + " AND table IN " + ClickHouseSql.inList(tables)
        + " AND position(command, " + ClickHouseSql.literal("tenant = " + ClickHouseSql.literal(tenant)) + ") > 0";
    Promise<List<String>> done = Promise.promise();
    poll(sql, System.currentTimeMillis() + MUTATION_DEADLINE_MS, done);
    return done.future();
  }

  private void poll(String sql, long deadline, Promise<List<String>> done) {
    ch.query(sql).onFailure(done::fail).onSuccess(rows -> {
      List<JsonObject> running = rows.stream().filter(r -> r.getInteger("is_done") == 0).toList();
      if (running.isEmpty()) {
        done.complete(rows.stream().map(r -> r.getString("table") + "/" + r.getString("mutation_id"))
            .collect(Collectors.toList()));
      } else if (System.currentTimeMillis() > deadline) {
        done.fail(new IllegalStateException("ClickHouse mutations still running after " + MUTATION_DEADLINE_MS
            + " ms: " + running + "; they go on in the background, run the erasure again to wait for them"));
      } else {
        vertx.setTimer(POLL_MS, t -> poll(sql, deadline, done));
      }
    });
  }

  private String qualified(String table) {
    return ClickHouseSql.qualified(ch.database(), table);
  }
}
