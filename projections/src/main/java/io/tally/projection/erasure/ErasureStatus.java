package io.tally.projection.erasure;

import io.tally.lake.TenantDeletionRequests;
import io.tally.service.tenants.DeletedTenantsTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Where an erasure stands, from the two tables that record it: when the tenant was erased from the views
 * (deleted_tenants) and whether the lake has done its part (lake_tenant_deletions). Empty when the tenant was
 * never erased.
 */
public final class ErasureStatus {
  private ErasureStatus() {}

  public static Future<Optional<JsonObject>> of(Pool pool, String tenant) {
    return rowIfTable(pool, "deleted_tenants", DeletedTenantsTable.FIND, tenant).compose(erased -> {
      if (erased == null) {
        return Future.succeededFuture(Optional.empty());
      }
      return rowIfTable(pool, "lake_tenant_deletions", TenantDeletionRequests.STATUS, tenant)
          .map(lake -> Optional.of(new JsonObject().put("tenant", tenant)
              .put("erasedAt", text(erased.getOffsetDateTime(0)))
              .put("lake", lake(lake))));
    });
  }

  private static JsonObject lake(Row request) {
    if (request == null) {
      return new JsonObject().put("status", "unknown").put("detail", "no lake request recorded");
    }
    OffsetDateTime done = request.getOffsetDateTime(1);
    return new JsonObject().put("status", done == null ? LakeErasure.PENDING : LakeErasure.DONE)
        .put("requestedAt", text(request.getOffsetDateTime(0))).put("doneAt", text(done));
  }

  private static Future<Row> rowIfTable(Pool pool, String table, String sql, String tenant) {
    return pool.preparedQuery("SELECT to_regclass($1) IS NOT NULL").execute(Tuple.of(table)).compose(exists ->
        !exists.iterator().next().getBoolean(0) ? Future.succeededFuture((Row) null)
            : pool.preparedQuery(sql).execute(Tuple.of(tenant)).map(ErasureStatus::first));
  }

  private static Row first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
