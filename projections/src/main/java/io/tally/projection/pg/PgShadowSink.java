package io.tally.projection.pg;

import io.tally.projection.runtime.ReplayScope;
import io.tally.projection.runtime.ShadowSink;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The shadow tables of a pg-orders replay. The swap is one transaction: for a full rebuild the shadow tables are
 * renamed into place (readers wait a moment on the lock, then read the new tables); for one tenant the tenant's
 * rows are replaced (readers see the old rows until the commit). Either way readers never see a half-built view.
 */
final class PgShadowSink extends PgOrdersSink implements ShadowSink {
  private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '15s'";
  private final ReplayScope scope;
  private final PgTables live = PgTables.live(NAME);

  PgShadowSink(Pool pool, String topic, ReplayScope scope) {
    super(pool, topic, PgTables.shadow(NAME));
    this.scope = scope;
  }

  @Override
  public Future<Void> prepare() {
    return Future.succeededFuture(); // create() makes the tables; a replay never resumes a shadow it did not create
  }

  @Override
  public Future<Void> create() {
    return pool.withTransaction(conn -> run(conn, List.of(PgSchema.DDL_LOCK, PgSchema.drop(tables),
            PgSchema.readerRole(), PgSchema.offsets(), PgSchema.tables(tables)))
        .compose(v -> forgetOffsets(conn)));
  }

  @Override
  public Future<Void> swap() {
    return pool.withTransaction(conn -> run(conn, List.of(LOCK_TIMEOUT))
        .compose(v -> scope.tenant().isPresent() ? replaceTenant(conn, scope.tenant().get()) : renameIntoPlace(conn))
        .compose(v -> run(conn, List.of(PgSchema.drop(tables))))
        .compose(v -> forgetOffsets(conn)));
  }

  @Override
  public Future<Void> discard() {
    return pool.withTransaction(conn -> run(conn, List.of(PgSchema.drop(tables))).compose(v -> forgetOffsets(conn)));
  }

  private Future<Void> renameIntoPlace(SqlConnection conn) {
    String oldOrders = live.currentOrders() + "__old";
    String oldEvents = live.orderEvents() + "__old";
    return run(conn, List.of(
        "DROP TABLE IF EXISTS " + oldOrders + ", " + oldEvents,
        "ALTER TABLE " + live.currentOrders() + " RENAME TO " + oldOrders,
        "ALTER INDEX " + live.currentOrders() + "_pkey RENAME TO " + oldOrders + "_pkey",
        // Index names are global: the shadow's must take the live names, or the next replay's shadow would find
        // its index name taken and silently go without.
        "ALTER INDEX IF EXISTS " + live.recentOrdersIndex() + " RENAME TO " + oldOrders + "_recent",
        "ALTER TABLE " + live.orderEvents() + " RENAME TO " + oldEvents,
        "ALTER INDEX " + live.orderEvents() + "_pkey RENAME TO " + oldEvents + "_pkey",
        "ALTER INDEX " + live.eventsByOrderIndex() + " RENAME TO " + oldEvents + "_by_order",
        "ALTER TABLE " + tables.currentOrders() + " RENAME TO " + live.currentOrders(),
        "ALTER INDEX " + tables.currentOrders() + "_pkey RENAME TO " + live.currentOrders() + "_pkey",
        "ALTER INDEX " + tables.recentOrdersIndex() + " RENAME TO " + live.recentOrdersIndex(),
        "ALTER TABLE " + tables.orderEvents() + " RENAME TO " + live.orderEvents(),
        "ALTER INDEX " + tables.orderEvents() + "_pkey RENAME TO " + live.orderEvents() + "_pkey",
        "ALTER INDEX " + tables.eventsByOrderIndex() + " RENAME TO " + live.eventsByOrderIndex(),
        "DROP TABLE " + oldOrders + ", " + oldEvents,
        // Live clients refetch: every tenant's view was replaced.
        "SELECT pg_notify('" + PgTables.CHANNEL + "', json_build_object('tenant', tenant, 'orderIds', '[]'::json, "
            + "'rebuilt', true)::text) FROM (SELECT DISTINCT tenant FROM " + live.currentOrders() + ") t"));
  }

  private Future<Void> replaceTenant(SqlConnection conn, String tenant) {
    Tuple t = Tuple.of(tenant);
    return conn.preparedQuery("DELETE FROM " + live.currentOrders() + " WHERE tenant = $1").execute(t)
        .compose(r -> conn.query("INSERT INTO " + live.currentOrders() + " SELECT * FROM " + tables.currentOrders())
            .execute())
        .compose(r -> conn.preparedQuery("DELETE FROM " + live.orderEvents() + " WHERE tenant = $1").execute(t))
        .compose(r -> conn.query("INSERT INTO " + live.orderEvents() + " SELECT * FROM " + tables.orderEvents())
            .execute())
        .compose(r -> conn.preparedQuery("SELECT pg_notify('" + PgTables.CHANNEL + "', json_build_object('tenant', "
            + "$1::text, 'orderIds', '[]'::json, 'rebuilt', true)::text)").execute(t))
        .mapEmpty();
  }

  private Future<Void> forgetOffsets(SqlConnection conn) {
    return conn.preparedQuery("DELETE FROM " + PgTables.OFFSETS + " WHERE projection = $1")
        .execute(Tuple.of(tables.offsetsKey())).mapEmpty();
  }
}
