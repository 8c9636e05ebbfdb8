package io.tally.projection.erasure;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The command side's rows of a tenant in the shared database: its catalog entry ({@code tenants}) and its
 * remembered command outcomes ({@code command_outcomes}), each only where the table exists (a projections
 * database without a command side has neither). The command side's tenant directory drops the tenant at its next
 * refresh (every few seconds) and refuses its commands from then on.
 */
final class TenantCatalogRows {
  private TenantCatalogRows() {}

  /** Deletes in the erasure's transaction; true when the catalog had the tenant. */
  static Future<Boolean> remove(SqlConnection tx, String tenant) {
    return deleteIfPresent(tx, "command_outcomes", "tenant", tenant)
        .compose(outcomes -> deleteIfPresent(tx, "tenants", "id", tenant))
        .map(catalogRows -> catalogRows > 0);
  }

  private static Future<Long> deleteIfPresent(SqlConnection tx, String table, String column, String tenant) {
    return tx.preparedQuery("SELECT to_regclass($1) IS NOT NULL").execute(Tuple.of(table)).compose(exists ->
        !exists.iterator().next().getBoolean(0) ? Future.succeededFuture(0L)
            : tx.preparedQuery("DELETE FROM " + table + " WHERE " + column + " = $1").execute(Tuple.of(tenant))
                .map(r -> (long) r.rowCount()));
  }
}
