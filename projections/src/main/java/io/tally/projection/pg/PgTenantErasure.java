package io.tally.projection.pg;

import io.tally.projection.runtime.SinkErasure;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes one tenant from the Postgres view, through the erasure's open transaction: the live tables, and the
 * shadow tables of a replay that died when they are still there (they would hold the tenant until the next
 * replay drops them). Live query-side clients get a "rebuilt" notice on commit and refetch an empty view.
 */
final class PgTenantErasure {
  private PgTenantErasure() {}

  static Future<SinkErasure> erase(SqlConnection postgres, PgTables live, String tenant) {
    PgTables shadow = PgTables.shadow(PgOrdersSink.NAME);
    Map<String, Long> rows = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (String table : List.of(live.currentOrders(), live.orderEvents(), shadow.currentOrders(),
        shadow.orderEvents())) {
      chain = chain.compose(v -> postgres.preparedQuery("SELECT to_regclass($1) IS NOT NULL").execute(Tuple.of(table)))
          .compose(exists -> !exists.iterator().next().getBoolean(0) ? Future.<Void>succeededFuture()
              : postgres.preparedQuery("DELETE FROM " + table + " WHERE tenant = $1").execute(Tuple.of(tenant))
                  .map(deleted -> {
                    rows.put(table, (long) deleted.rowCount());
                    return null;
                  }));
    }
    if (live.notifies()) {
      chain = chain.compose(v -> postgres.preparedQuery("SELECT pg_notify('" + PgTables.CHANNEL + "', "
          + "json_build_object('tenant', $1::text, 'orderIds', '[]'::json, 'rebuilt', true)::text)")
          .execute(Tuple.of(tenant)).mapEmpty());
    }
    return chain.map(v -> new SinkErasure(PgOrdersSink.NAME, "postgres", rows, List.of()));
  }
}
