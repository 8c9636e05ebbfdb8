package io.tally.projection.ch;

import io.tally.order.OrderPlaced;
import io.tally.projection.runtime.EventFacts;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The rows of the ClickHouse events table, one per event, carrying its Kafka partition and offset, written as
 * RowBinary: no text to escape on this side, none to parse on the server's (JSON lines were a sixth of the sink
 * thread's time and most of ClickHouse's).
 */
final class ChRows {
  /** The events table's columns, in the order each row holds them. */
  private static final List<String> COLUMNS = List.of("event_id", "tenant", "order_id", "sequence", "type",
      "schema_version", "status", "occurred_at", "occurred_at_ms", "amount", "revenue", "currency", "customer_id",
      "kafka_partition", "kafka_offset", "projected_at");
  private static final int DECIMAL_SCALE = 4;

  private ChRows() {}

  /** One insert of these events' rows into the events table (one block: all rows or none). */
  static Future<Void> insert(ClickHouseHttp ch, String table, List<ProjectedEvent> events, long projectedAtSeconds) {
    return insert(ch, table, rows(events, projectedAtSeconds), events.size());
  }

  /** The same from rows already encoded by {@link #rows}. */
  static Future<Void> insert(ClickHouseHttp ch, String table, Buffer rows, int rowCount) {
    return ch.insertRowBinary(table, COLUMNS, rows, rowCount);
  }

  static Buffer rows(List<ProjectedEvent> events, long projectedAtSeconds) {
    Buffer out = Buffer.buffer(events.size() * 180);
    for (ProjectedEvent e : events) {
      row(out, e, projectedAtSeconds);
    }
    return out;
  }

  private static void row(Buffer out, ProjectedEvent e, long projectedAtSeconds) {
    String currency = EventFacts.currency(e.event());
    long ms = e.envelope().occurredAt().toEpochMilli();
    uuid(out, e.envelope().eventId());
    text(out, e.tenant());
    text(out, e.orderId());
    out.appendLongLE(e.sequence());
    text(out, e.envelope().type());
    out.appendUnsignedShortLE(e.envelope().schemaVersion());
    text(out, EventFacts.eventStatus(e.event()).name());
    out.appendUnsignedIntLE(Math.floorDiv(ms, 1000));
    out.appendLongLE(ms);
    decimal(out, EventFacts.amountOrZero(e.event()));
    decimal(out, EventFacts.revenue(e.event()));
    text(out, currency == null ? "" : currency);
    text(out, e.event() instanceof OrderPlaced placed ? placed.customerId() : "");
    out.appendUnsignedIntLE(e.partition());
    out.appendLongLE(e.offset());
    out.appendUnsignedIntLE(projectedAtSeconds);
  }

  /** ClickHouse keeps a UUID as two 64-bit halves, each little-endian, the high half first. */
  private static void uuid(Buffer out, String id) {
    UUID uuid = UUID.fromString(id);
    out.appendLongLE(uuid.getMostSignificantBits());
    out.appendLongLE(uuid.getLeastSignificantBits());
  }

  /** Length as an unsigned LEB128 varint, then the UTF-8 bytes (for ASCII text, its chars as bytes). */
  private static void text(Buffer out, String value) {
    boolean ascii = true;
    for (int i = 0; i < value.length() && ascii; i++) {
      ascii = value.charAt(i) < 0x80;
    }
    byte[] bytes = value.getBytes(ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    long length = bytes.length;
    while (length >= 0x80) {
      out.appendByte((byte) (length | 0x80));
      length >>>= 7;
    }
    out.appendByte((byte) length);
    out.appendBytes(bytes);
  }

  /** Decimal(18,4) is its value times 10^4 as a 64-bit integer; schemas allow at most 3 decimals, so it is exact. */
  private static void decimal(Buffer out, BigDecimal value) {
    out.appendLongLE(value.movePointRight(DECIMAL_SCALE).longValueExact());
  }

  /** The month partition of the events table a row lands in: toYYYYMM(occurred_at) in UTC. */
  static int month(ProjectedEvent e) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(e.envelope().occurredAt().getEpochSecond(), 86_400));
    return day.getYear() * 100 + day.getMonthValue();
  }
}
