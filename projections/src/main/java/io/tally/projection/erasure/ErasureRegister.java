package io.tally.projection.erasure;

import io.tally.projection.runtime.ErasedTenants;
import io.tally.service.tenants.DeletedTenantsTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable side of {@link ErasedTenants}: the platform's deleted_tenants table in Postgres. Read at start and
 * then every few seconds (so a second projections process learns of an erasure done by another one), written by
 * the erasure in its one transaction.
 */
public final class ErasureRegister {
  private static final Logger LOG = LoggerFactory.getLogger(ErasureRegister.class);
  static final long REFRESH_MS = 10_000;

  private ErasureRegister() {}

  /** Reads the table into the register; no table yet means no tenant was ever erased. */
  public static Future<Void> load(Pool pool, ErasedTenants into) {
    return pool.query("SELECT to_regclass('deleted_tenants') IS NOT NULL").execute()
        .compose(exists -> exists.iterator().next().getBoolean(0) ? list(pool) : Future.succeededFuture(List.of()))
        .map(tenants -> {
          into.load(tenants);
          return null;
        });
  }

  private static Future<List<String>> list(Pool pool) {
    return pool.query(DeletedTenantsTable.LIST).execute().map(rows -> {
      List<String> tenants = new ArrayList<>();
      for (Row row : rows) {
        tenants.add(row.getString(0));
      }
      return tenants;
    });
  }

  /**
   * Loads now and every {@link #REFRESH_MS}; until a load has succeeded, the runtimes write nothing. The future
   * is the first attempt's, and completes either way (a Postgres not up yet is retried by the next refresh).
   */
  public static Future<Void> keepLoaded(Vertx vertx, Pool pool, ErasedTenants into) {
    Supplier<Future<Void>> attempt = () -> load(pool, into).onFailure(e -> LOG.warn("could not read "
        + "deleted_tenants{}: {}", into.loaded() ? "" : " (projections hold their writes until it is read)",
        e.toString()));
    vertx.setPeriodic(REFRESH_MS, id -> attempt.get());
    return attempt.get().otherwiseEmpty();
  }

  static Future<Void> record(SqlConnection tx, String tenant) {
    // "already exists, skipping" notices are noise, not news.
    return tx.query("SET LOCAL client_min_messages = warning").execute()
        .compose(v -> tx.query(DeletedTenantsTable.CREATE).execute())
        .compose(v -> tx.preparedQuery(DeletedTenantsTable.RECORD).execute(Tuple.of(tenant)))
        .mapEmpty();
  }
}
