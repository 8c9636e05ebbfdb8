package io.tally.command.outcomes;

import io.tally.command.wire.Outcome;
import io.tally.command.wire.OutcomeCodec;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Outcomes kept for GET /commands/{id} after they have left the in-memory window: one row per tenant and
 * command id, the first outcome as jsonb. Rows are written in batches with unnest, never one at a time.
 */
public final class OutcomeStore {
  private final Pool pool;

  public OutcomeStore(Pool pool) {
    this.pool = pool;
  }

  /** A first outcome as read from the log: the value is stored as it is, without parsing. */
  public record NewOutcome(String tenant, String commandId, String orderId, byte[] value, long decidedAtMillis) {}

  public Future<Void> insert(List<NewOutcome> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = rows.size();
    String[] tenants = new String[n];
    String[] ids = new String[n];
    String[] orders = new String[n];
    String[] values = new String[n];
    Long[] millis = new Long[n];
    for (int i = 0; i < n; i++) {
      NewOutcome r = rows.get(i);
      tenants[i] = r.tenant();
      ids[i] = r.commandId();
      orders[i] = r.orderId();
      values[i] = new String(r.value(), StandardCharsets.UTF_8);
      millis[i] = r.decidedAtMillis();
    }
    return pool.preparedQuery(
            "INSERT INTO command_outcomes (tenant, command_id, order_id, outcome, decided_at) "
                + "SELECT t, c, o, v::jsonb, to_timestamp(m / 1000.0) "
                + "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS x(t, c, o, v, m) "
                + "ON CONFLICT (tenant, command_id) DO NOTHING")
        .execute(Tuple.of(tenants, ids, orders, values, millis))
        .mapEmpty();
  }

  public Future<Optional<Outcome>> find(String tenant, String commandId) {
    return pool.preparedQuery("SELECT outcome::text FROM command_outcomes WHERE tenant = $1 AND command_id = $2")
        .execute(Tuple.of(tenant, commandId))
        .map(rows -> {
          for (Row row : rows) {
            return Optional.of(OutcomeCodec.fromBytes(row.getString(0).getBytes(StandardCharsets.UTF_8)));
          }
          return Optional.empty();
        });
  }

  /** Keeps the table to the retention window; the results topic stays the source. */
  public Future<Integer> purgeOlderThan(int days) {
    return pool.preparedQuery("DELETE FROM command_outcomes WHERE decided_at < now() - make_interval(days => $1)")
        .execute(Tuple.of(days))
        .map(rows -> rows.rowCount());
  }
}
