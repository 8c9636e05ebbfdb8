package io.tally.query.orders;

import io.tally.query.http.Responses.NotFound;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The Postgres reads of the query side, each inside {@link TenantReads}. Tables are the projection pg-orders'
 * live view ({@code current_orders}, {@code order_events}); their names are constants here, never input.
 */
public final class OrderQueries {
  static final String ORDERS = "current_orders";
  static final String EVENTS = "order_events";

  private final TenantReads reads;

  public OrderQueries(TenantReads reads) {
    this.reads = reads;
  }

  /** A page, newest first by creation time; {@code next} is the cursor of the following page, or null. */
  public Future<JsonObject> list(String tenant, OrderFilter filter) {
    List<Object> args = new ArrayList<>(List.of(tenant));
    StringBuilder sql = new StringBuilder("SELECT ").append(OrderJson.COLUMNS).append(" FROM ").append(ORDERS)
        .append(" WHERE tenant = $1");
    if (!filter.statuses().isEmpty()) {
      args.add(filter.statuses().toArray(String[]::new));
      sql.append(" AND status = ANY($").append(args.size()).append("::text[])");
    }
    filter.from().ifPresent(from -> {
      args.add(from.atOffset(ZoneOffset.UTC));
      sql.append(" AND created_at >= $").append(args.size());
    });
    filter.to().ifPresent(to -> {
      args.add(to.atOffset(ZoneOffset.UTC));
      sql.append(" AND created_at < $").append(args.size());
    });
    filter.after().ifPresent(cursor -> {
      args.add(cursor.createdAt().atOffset(ZoneOffset.UTC));
      args.add(cursor.orderId());
      sql.append(" AND (created_at, order_id) < ($").append(args.size() - 1).append(", $").append(args.size())
          .append(")");
    });
    // One row more than asked tells whether another page exists without a count(*).
    sql.append(" ORDER BY created_at DESC, order_id DESC LIMIT ").append(filter.limit() + 1);
    return reads.read(tenant, conn -> conn.preparedQuery(sql.toString()).execute(Tuple.wrap(args)))
        .map(rows -> page(rows, filter.limit()));
  }

  /** The order's current state and its whole history, oldest event first. */
  public Future<JsonObject> one(String tenant, String orderId) {
    Tuple key = Tuple.of(tenant, orderId);
    return reads.read(tenant, conn -> conn.preparedQuery("SELECT " + OrderJson.COLUMNS + " FROM " + ORDERS
            + " WHERE tenant = $1 AND order_id = $2").execute(key)
        .compose(current -> {
          if (current.size() == 0) {
            return Future.failedFuture(new NotFound("no order '" + orderId + "' in tenant " + tenant));
          }
          JsonObject order = OrderJson.order(current.iterator().next());
          return conn.preparedQuery("SELECT " + OrderJson.EVENT_COLUMNS + " FROM " + EVENTS
                  + " WHERE tenant = $1 AND order_id = $2 ORDER BY sequence").execute(key)
              .map(events -> {
                JsonArray history = new JsonArray();
                events.forEach(e -> history.add(OrderJson.event(e)));
                return order.put("history", history);
              });
        }));
  }

  /** The current rows of the given orders, for a live delta. */
  public Future<JsonArray> changed(String tenant, List<String> orderIds) {
    return reads.read(tenant, conn -> conn.preparedQuery("SELECT " + OrderJson.COLUMNS + " FROM " + ORDERS
            + " WHERE tenant = $1 AND order_id = ANY($2::text[]) ORDER BY created_at DESC, order_id DESC")
        .execute(Tuple.tuple().addString(tenant).addArrayOfString(orderIds.toArray(String[]::new))))
        .map(OrderJson::orders);
  }

  public Future<JsonArray> recent(String tenant, int limit) {
    return list(tenant, OrderFilter.recent(limit)).map(page -> page.getJsonArray("orders"));
  }

  private static JsonObject page(RowSet<Row> rows, int limit) {
    JsonArray orders = new JsonArray();
    Row last = null;
    int n = 0;
    for (Row row : rows) {
      if (n++ == limit) {
        break;
      }
      orders.add(OrderJson.order(row));
      last = row;
    }
    String next = rows.size() > limit && last != null
        ? new OrderCursor(last.getOffsetDateTime(5).toInstant(), last.getString(0)).encode() : null;
    return new JsonObject().put("orders", orders).put("next", next);
  }
}
