package io.tally.query.orders;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Rows of the Postgres view as the API and the live feed show them: one shape everywhere. */
public final class OrderJson {
  /** The columns {@link #order(Row)} reads, in the order it reads them. */
  public static final String COLUMNS =
      "order_id, status, amount, currency, version, created_at, updated_at, last_event_id";
  public static final String EVENT_COLUMNS =
      "event_id, sequence, type, schema_version, occurred_at, amount, currency, payload";

  private OrderJson() {}

  public static JsonObject order(Row row) {
    String currency = row.getString(3);
    return new JsonObject()
        .put("orderId", row.getString(0))
        .put("status", row.getString(1))
        .put("amount", Money.format(row.getBigDecimal(2), currency))
        .put("currency", currency)
        .put("version", row.getLong(4))
        .put("createdAt", instant(row.getOffsetDateTime(5)))
        .put("updatedAt", instant(row.getOffsetDateTime(6)))
        .put("lastEventId", String.valueOf(row.getUUID(7)));
  }

  public static JsonArray orders(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    rows.forEach(row -> out.add(order(row)));
    return out;
  }

  public static JsonObject event(Row row) {
    String currency = row.getString(6);
    Object payload = row.getValue(7);
    return new JsonObject()
        .put("eventId", String.valueOf(row.getUUID(0)))
        .put("sequence", row.getLong(1))
        .put("type", row.getString(2))
        .put("schemaVersion", row.getInteger(3))
        .put("occurredAt", instant(row.getOffsetDateTime(4)))
        .put("amount", Money.format(row.getBigDecimal(5), currency))
        .put("currency", currency)
        .put("payload", payload instanceof String text ? new JsonObject(text) : payload);
  }

  /** UTC, ISO-8601, microseconds as Postgres keeps them. */
  static String instant(OffsetDateTime at) {
    return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
  }
}
