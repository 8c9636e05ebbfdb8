package io.tally.projection.ch;

import io.tally.events.EventIds;
import io.tally.order.OrderPlaced;
import io.tally.projection.runtime.EventFacts;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
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

  /** Each event's row, from the row it holds ({@link #encoded}) or encoded now; projected_at is now. */
  static Buffer rows(List<ProjectedEvent> events, long projectedAtSeconds) {
    RowBinaryOut out = new RowBinaryOut(events.size() * 180);
    for (ProjectedEvent e : events) {
      if (e.row() != null) {
        out.raw(e.row());
      } else {
        rowUpToProjectedAt(out, e);
      }
      out.int32(projectedAtSeconds);
    }
    return out.toBuffer();
  }

  /**
   * The event's row but for its last column, projected_at, which is only known when the row is written: what
   * the sink keeps of an event while it waits for its batch.
   */
  static byte[] encoded(ProjectedEvent e) {
    RowBinaryOut out = new RowBinaryOut(160);
    rowUpToProjectedAt(out, e);
    return out.toArray();
  }

  private static void rowUpToProjectedAt(RowBinaryOut out, ProjectedEvent e) {
    String currency = EventFacts.currency(e.event());
    long ms = e.envelope().occurredAt().toEpochMilli();
    uuid(out, e.envelope().eventId());
    out.text(e.tenant());
    out.text(e.orderId());
    out.int64(e.sequence());
    out.text(e.envelope().type());
    out.int16(e.envelope().schemaVersion());
    out.text(EventFacts.eventStatus(e.event()).name());
    out.int32(Math.floorDiv(ms, 1000));
    out.int64(ms);
    decimal(out, EventFacts.amountOrZero(e.event()));
    decimal(out, EventFacts.revenue(e.event()));
    out.text(currency == null ? "" : currency);
    out.text(e.event() instanceof OrderPlaced placed ? placed.customerId() : "");
    out.int32(e.partition());
    out.int64(e.offset());
  }

  /** ClickHouse keeps a UUID as two 64-bit halves, each little-endian, the high half first. */
  private static void uuid(RowBinaryOut out, String id) {
    UUID uuid = EventIds.toUuid(id);
    out.int64(uuid.getMostSignificantBits());
    out.int64(uuid.getLeastSignificantBits());
  }

  /** Decimal(18,4) is its value times 10^4 as a 64-bit integer; schemas allow at most 3 decimals, so it is exact. */
  private static void decimal(RowBinaryOut out, BigDecimal value) {
    out.int64(value.signum() == 0 ? 0 : value.movePointRight(DECIMAL_SCALE).longValueExact());
  }

  /** Whether every event falls in the UTC calendar month of the first: compares seconds, builds no date per event. */
  static boolean oneMonth(List<ProjectedEvent> events) {
    LocalDate start = LocalDate.ofEpochDay(Math.floorDiv(seconds(events.get(0)), 86_400)).withDayOfMonth(1);
    long from = start.toEpochDay() * 86_400;
    long to = start.plusMonths(1).toEpochDay() * 86_400;
    for (ProjectedEvent e : events) {
      long at = seconds(e);
      if (at < from || at >= to) {
        return false;
      }
    }
    return true;
  }

  private static long seconds(ProjectedEvent e) {
    return e.envelope().occurredAt().getEpochSecond();
  }

  /** The month partition of the events table a row lands in: toYYYYMM(occurred_at) in UTC. */
  static int month(ProjectedEvent e) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(e.envelope().occurredAt().getEpochSecond(), 86_400));
    return day.getYear() * 100 + day.getMonthValue();
  }
}
