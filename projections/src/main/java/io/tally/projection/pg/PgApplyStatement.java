package io.tally.projection.pg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tally.events.EventIds;
import io.tally.events.EventJson;
import io.tally.projection.runtime.EventFacts;
import io.tally.projection.runtime.ProjectedEvent;
import io.vertx.sqlclient.Tuple;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A whole batch as one statement: the row upserts, the history inserts, the offsets and the NOTIFY, each fed by
 * unnest over arrays. One statement is one transaction, so the rows and the offsets commit together or not at
 * all, in one round trip. NOTIFY is delivered on commit, naming only the orders whose row really changed.
 *
 * <p>The upsert merges instead of overwriting, so any arrival order converges to the same row: status, times and
 * last event follow the highest version (the stale-write guard); amount, currency and creation time come from
 * OrderPlaced whenever it arrives. A partial refund seen before anything else of its order inserts status
 * UNKNOWN, which the order's next event with a status replaces.
 */
final class PgApplyStatement {
  static final String UNKNOWN_STATUS = "UNKNOWN";
  /** Order ids per notification: keeps each payload under Postgres' 8000-byte limit (ids are at most 64). */
  static final int IDS_PER_NOTIFY = 100;
  /**
   * The payload as text straight from the tree: the client encodes the string once into the message, where
   * bytes from EventJson.write would first be decoded into a string. Same settings, so the same JSON.
   */
  private static final ObjectWriter PAYLOAD = EventJson.mapper().writer();

  private PgApplyStatement() {}

  static String sql(PgTables t) {
    // Rows come from unnest calls in the select list, which Postgres runs in lockstep (ProjectSet), instead of
    // one unnest(a, b, …) in FROM, which first copies every array into a tuplestore of its own; same rows, the
    // arrays being of equal length. The payload is json, not jsonb: stored as sent, without building jsonb's
    // binary form (readers only return it whole); a column still jsonb from an older schema takes json by
    // assignment. Together: about a sixth less Postgres CPU per event (PgSinkBenchmark, ADR 0021).
    String upsert = """
        WITH changed AS (
          INSERT INTO %1$s AS c (tenant, order_id, status, amount, currency, version, created_at, updated_at,
                                 last_event_id)
          SELECT t, o, COALESCE(s, '%4$s'), a::numeric, cur, v, ca, ua, e
            FROM (SELECT unnest($1::text[]) AS t, unnest($2::text[]) AS o, unnest($3::text[]) AS s,
                         unnest($4::text[]) AS a, unnest($5::text[]) AS cur, unnest($6::bigint[]) AS v,
                         unnest($7::timestamptz[]) AS ca, unnest($8::timestamptz[]) AS ua,
                         unnest($9::uuid[]) AS e) x
          ON CONFLICT (tenant, order_id) DO UPDATE SET
            status = CASE WHEN c.version < excluded.version AND excluded.status <> '%4$s'
                          THEN excluded.status ELSE c.status END,
            amount = COALESCE(c.amount, excluded.amount),
            currency = COALESCE(c.currency, excluded.currency),
            version = GREATEST(c.version, excluded.version),
            created_at = LEAST(c.created_at, excluded.created_at),
            updated_at = CASE WHEN c.version < excluded.version THEN excluded.updated_at ELSE c.updated_at END,
            last_event_id = CASE WHEN c.version < excluded.version THEN excluded.last_event_id
                                 ELSE c.last_event_id END
          WHERE c.version < excluded.version OR (c.amount IS NULL AND excluded.amount IS NOT NULL)
             OR excluded.created_at < c.created_at
          RETURNING c.tenant, c.order_id
        ), history AS (
          INSERT INTO %2$s (event_id, tenant, order_id, sequence, type, schema_version, occurred_at, amount,
                            currency, payload, kafka_partition, kafka_offset)
          SELECT ei, t, o, sq, ty, sv, oa, a::numeric, cur, p::json, kp, ko
            FROM (SELECT unnest($10::uuid[]) AS ei, unnest($11::text[]) AS t, unnest($12::text[]) AS o,
                         unnest($13::bigint[]) AS sq, unnest($14::text[]) AS ty, unnest($15::int[]) AS sv,
                         unnest($16::timestamptz[]) AS oa, unnest($17::text[]) AS a, unnest($18::text[]) AS cur,
                         unnest($19::text[]) AS p, unnest($20::int[]) AS kp, unnest($21::bigint[]) AS ko) x
          ON CONFLICT (event_id) DO NOTHING
        ), offsets AS (
          INSERT INTO %3$s AS po (projection, topic, kafka_partition, next_offset, updated_at)
          SELECT $22, $23, kp, n, now() FROM (SELECT unnest($24::int[]) AS kp, unnest($25::bigint[]) AS n) x
          ON CONFLICT (projection, topic, kafka_partition)
          DO UPDATE SET next_offset = GREATEST(po.next_offset, excluded.next_offset), updated_at = excluded.updated_at
        )
        """.formatted(t.currentOrders(), t.orderEvents(), PgTables.OFFSETS, UNKNOWN_STATUS);
    String tail = t.notifies() ? """
        SELECT count(*) AS notifications FROM (
          SELECT pg_notify('%s', json_build_object('tenant', tenant, 'orderIds', json_agg(order_id ORDER BY order_id))::text)
            FROM (SELECT tenant, order_id,
                         (row_number() OVER (PARTITION BY tenant ORDER BY order_id) - 1) / %d AS chunk
                    FROM changed) r
           GROUP BY tenant, chunk) n""".formatted(PgTables.CHANNEL, IDS_PER_NOTIFY)
        : "SELECT count(*) AS notifications FROM changed";
    return upsert + tail;
  }

  static Tuple tuple(PgTables t, String topic, List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
    List<OrderRowChange> rows = OrderRowChanges.reduce(events);
    int n = rows.size();
    String[] tenants = new String[n];
    String[] orders = new String[n];
    String[] statuses = new String[n];
    String[] amounts = new String[n];
    String[] currencies = new String[n];
    Long[] versions = new Long[n];
    OffsetDateTime[] created = new OffsetDateTime[n];
    OffsetDateTime[] updated = new OffsetDateTime[n];
    UUID[] lastEvents = new UUID[n];
    for (int i = 0; i < n; i++) {
      OrderRowChange r = rows.get(i);
      tenants[i] = r.tenant();
      orders[i] = r.orderId();
      statuses[i] = r.status() == null ? null : r.status().name();
      amounts[i] = text(r.amount());
      currencies[i] = r.currency();
      versions[i] = r.version();
      created[i] = utc(r.createdAt());
      updated[i] = utc(r.updatedAt());
      lastEvents[i] = r.lastEventId();
    }
    Tuple tuple = Tuple.tuple().addArrayOfString(tenants).addArrayOfString(orders).addArrayOfString(statuses)
        .addArrayOfString(amounts).addArrayOfString(currencies).addArrayOfLong(versions)
        .addArrayOfOffsetDateTime(created).addArrayOfOffsetDateTime(updated).addArrayOfUUID(lastEvents);
    addHistory(tuple, events);
    Integer[] partitions = nextOffsets.keySet().toArray(Integer[]::new);
    Long[] next = new Long[partitions.length];
    for (int i = 0; i < partitions.length; i++) {
      next[i] = nextOffsets.get(partitions[i]);
    }
    return tuple.addString(t.offsetsKey()).addString(topic).addArrayOfInteger(partitions).addArrayOfLong(next);
  }

  private static void addHistory(Tuple tuple, List<ProjectedEvent> all) {
    Set<String> seen = new HashSet<>(all.size() * 2);
    List<ProjectedEvent> events = all.stream().filter(e -> seen.add(e.envelope().eventId())).toList();
    int n = events.size();
    UUID[] ids = new UUID[n];
    String[] tenants = new String[n];
    String[] orders = new String[n];
    Long[] sequences = new Long[n];
    String[] types = new String[n];
    Integer[] versions = new Integer[n];
    OffsetDateTime[] occurred = new OffsetDateTime[n];
    String[] amounts = new String[n];
    String[] currencies = new String[n];
    String[] payloads = new String[n];
    Integer[] partitions = new Integer[n];
    Long[] offsets = new Long[n];
    for (int i = 0; i < n; i++) {
      ProjectedEvent e = events.get(i);
      ids[i] = EventIds.toUuid(e.envelope().eventId());
      tenants[i] = e.tenant();
      orders[i] = e.orderId();
      sequences[i] = e.sequence();
      types[i] = e.envelope().type();
      versions[i] = e.envelope().schemaVersion();
      occurred[i] = utc(e.envelope().occurredAt());
      amounts[i] = text(EventFacts.amount(e.event()));
      currencies[i] = EventFacts.currency(e.event());
      // Held events bring the text (PgOrdersSink.held); replays and redrives bring the tree.
      byte[] payload = e.row() != null ? e.row() : payloadJson(e.envelope().payload());
      payloads[i] = new String(payload, StandardCharsets.UTF_8);
      partitions[i] = e.partition();
      offsets[i] = e.offset();
    }
    tuple.addArrayOfUUID(ids).addArrayOfString(tenants).addArrayOfString(orders).addArrayOfLong(sequences)
        .addArrayOfString(types).addArrayOfInteger(versions).addArrayOfOffsetDateTime(occurred)
        .addArrayOfString(amounts).addArrayOfString(currencies).addArrayOfString(payloads)
        .addArrayOfInteger(partitions).addArrayOfLong(offsets);
  }

  /** The payload as the JSON text the history stores. */
  static byte[] payloadJson(JsonNode payload) {
    try {
      return PAYLOAD.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of plain nodes always serializes
    }
  }

  // Amounts travel as text: vertx-pg-client 5.0.8 never completes a query whose numeric[] holds a null (its
  // encoder throws on the event loop), and text keeps every digit anyway.
  private static String text(BigDecimal amount) {
    return amount == null ? null : amount.toPlainString();
  }

  // Not instant.atOffset(UTC): on JDK 17 that builds a new ZoneRules for every call (a seventh of this class's
  // CPU in a profile of PgSinkBenchmark); UTC needs no rules.
  private static OffsetDateTime utc(java.time.Instant instant) {
    return OffsetDateTime.of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC),
        ZoneOffset.UTC);
  }
}
