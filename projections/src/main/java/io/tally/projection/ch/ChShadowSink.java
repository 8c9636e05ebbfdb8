package io.tally.projection.ch;

import io.tally.projection.runtime.ReplayScope;
import io.tally.projection.runtime.ShadowSink;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.clickhouse.ClickHouseSql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * The shadow tables of a ch-analytics replay. 18.16 has no transactions, so the swap is one RENAME TABLE of the
 * events table, both rollups and the checkpoints together; readers see the old set or the new one. A tenant
 * replay first copies every other tenant's rows into the shadow (the live projection is paused meanwhile, so the
 * copy is exact), then swaps whole tables the same way.
 */
final class ChShadowSink extends ChAnalyticsSink implements ShadowSink {
  private final ReplayScope scope;
  private final ChTables live = ChTables.live();

  ChShadowSink(Vertx vertx, ClickHouseHttp ch, String topic, ReplayScope scope) {
    super(vertx, ch, topic, ChTables.shadow());
    this.scope = scope;
  }

  @Override
  public Future<Void> prepare() {
    return Future.succeededFuture(); // create() makes the tables
  }

  @Override
  public Future<Void> create() {
    List<String> statements = new ArrayList<>(ChSchema.drop(tables));
    statements.addAll(ChSchema.create(tables));
    return executeAll(statements);
  }

  @Override
  public Future<Void> swap() {
    List<String> statements = new ArrayList<>();
    scope.tenant().ifPresent(tenant -> {
      statements.add("INSERT INTO " + qualified(tables.events()) + " SELECT * FROM " + qualified(live.events())
          + " WHERE tenant != " + ClickHouseSql.literal(tenant));
      statements.add("INSERT INTO " + qualified(tables.checkpoints()) + " SELECT * FROM "
          + qualified(live.checkpoints()));
    });
    List<String> renames = new ArrayList<>();
    for (int i = 0; i < live.swappedTables().size(); i++) {
      String name = live.swappedTables().get(i);
      statements.add("DROP TABLE IF EXISTS " + name + ChTables.OLD);
      renames.add(name + " TO " + name + ChTables.OLD);
      renames.add(tables.swappedTables().get(i) + " TO " + name);
    }
    statements.add("RENAME TABLE " + String.join(", ", renames));
    // The shadow's views now watch a name no table has; the live views already feed the renamed tables.
    statements.add("DROP TABLE IF EXISTS " + tables.hourlyView());
    statements.add("DROP TABLE IF EXISTS " + tables.dailyView());
    live.swappedTables().forEach(name -> statements.add("DROP TABLE IF EXISTS " + name + ChTables.OLD));
    return executeAll(statements);
  }

  @Override
  public Future<Void> discard() {
    return executeAll(ChSchema.drop(tables));
  }
}
