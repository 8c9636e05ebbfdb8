package io.tally.query.orders;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * Every Postgres read of tenant data runs here: in a read-only transaction that switches to the reader role and
 * sets {@code tally.tenant}, both transaction-local, so row-level security shows this tenant's rows only and
 * nothing leaks to the next request on the pooled connection. The SQL still carries its own tenant predicate:
 * RLS is the second wall, not the first.
 *
 * <p>BEGIN, the scope and the read's first statement are pipelined on the connection (sent together, answered
 * in order): one round trip instead of three, which is most of the cost of a live delta. Ordering keeps it safe:
 * if the scope fails, the transaction is aborted and the read fails with it, never running unscoped.
 */
public final class TenantReads {
  // set_config(..., true) is SET LOCAL; 'role' as a setting is SET ROLE, which needs no identifier quoting.
  private static final String SCOPE = "SELECT set_config('tally.tenant', $1, true), set_config('role', $2, true)";

  private final Pool pool;
  private final String readerRole;

  public TenantReads(Pool pool, String readerRole) {
    this.pool = pool;
    this.readerRole = readerRole;
  }

  public <T> Future<T> read(String tenant, Function<SqlConnection, Future<T>> work) {
    return pool.withConnection(conn -> {
      Future<?> begin = conn.query("BEGIN READ ONLY").execute();
      Future<?> scope = conn.preparedQuery(SCOPE).execute(Tuple.of(tenant, readerRole));
      Future<T> result = work.apply(conn);
      return Future.all(begin, scope, result).transform(ar -> ar.succeeded()
          ? conn.query("COMMIT").execute().map(result.result())
          // Leave no aborted transaction behind on a connection that goes back to the pool.
          : conn.query("ROLLBACK").execute().transform(r -> Future.<T>failedFuture(ar.cause())));
    });
  }

  public Pool pool() {
    return pool;
  }
}
