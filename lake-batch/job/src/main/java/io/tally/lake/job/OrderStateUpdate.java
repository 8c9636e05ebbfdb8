package io.tally.lake.job;

import io.tally.lake.LakeSchemas;
import io.tally.lake.LakeTables;
import java.util.Optional;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Silver: brings order_state up to the events table's position. Only orders with events that arrived since
 * order_state's own recorded position are recomputed (from all their events, so a replayed or late event can
 * never double-count), and upserted in one commit that records the new position.
 */
final class OrderStateUpdate {
  private OrderStateUpdate() {}

  /** Number of orders recomputed; allEvents: the events table's rows when a caller has them in memory. */
  static long run(Lake lake, Optional<Dataset<Row>> allEvents) {
    Optional<KafkaOffsets> to = CommittedOffsets.of(lake.load(LakeTables.EVENTS));
    Optional<KafkaOffsets> from = CommittedOffsets.of(lake.load(LakeTables.ORDER_STATE));
    if (to.isEmpty() || from.equals(to)) {
      return 0;
    }
    RunLog.say("updating " + lake.sql(LakeTables.ORDER_STATE) + " for the orders with new events");
    Dataset<Row> orderEvents = orderEvents(lake, from, to.get(), allEvents);
    Dataset<Row> states = orderEvents
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0) + '\u0000' + r.getString(1), Encoders.STRING())
        .mapGroups(new OrderStateFold(), Encoders.row(SparkSchemaUtil.convert(LakeSchemas.ORDER_STATE)))
        .cache();
    try {
      long n = states.count();
      if (n > 0 && from.isEmpty() && Commits.isEmpty(lake.load(LakeTables.ORDER_STATE))) {
        // First build into an empty table: no row can match, so an append does what the MERGE would, without
        // planning and running its join against the (empty) target.
        Commits.withProperties(Commits.at(to.get()), () -> {
          states.writeTo(lake.sql(LakeTables.ORDER_STATE)).append();
          return null;
        });
      } else if (n > 0) {
        Merges.upsert(lake, LakeTables.ORDER_STATE, states, new String[] {"tenant", "order_id"}, Commits.at(to.get()));
      }
      Commits.ensureRecorded(lake.load(LakeTables.ORDER_STATE), to.get());
      RunLog.say("updated " + lake.sql(LakeTables.ORDER_STATE) + " for " + n + " orders");
      return n;
    } finally {
      states.unpersist();
      lake.spark().catalog().dropTempView("tally_touched_orders");
    }
  }

  /** The events of the orders to recompute: tenant, order_id, sequence, type, occurred_at, event_id, payload. */
  private static Dataset<Row> orderEvents(Lake lake, Optional<KafkaOffsets> from, KafkaOffsets to,
                                          Optional<Dataset<Row>> allEvents) {
    String[] columns = {"tenant", "order_id", "sequence", "type", "occurred_at", "event_id", "payload"};
    if (from.isEmpty() && allEvents.isPresent()) {
      // Never built, and the run still holds every event in memory: no need to read back what it just wrote.
      return allEvents.get().selectExpr(columns);
    }
    String events = lake.sql(LakeTables.EVENTS);
    String selected = "e." + String.join(", e.", columns);
    lake.spark().sql("SELECT DISTINCT tenant, order_id FROM " + events + " WHERE "
        + OffsetRange.predicate(from, to)).createOrReplaceTempView("tally_touched_orders");
    // Never built before: every order is touched, so the join would only cost a second scan.
    return lake.spark().sql(from.isEmpty()
        ? "SELECT " + selected + " FROM " + events + " e"
        : "SELECT " + selected + " FROM " + events + " e"
            + " LEFT SEMI JOIN tally_touched_orders o ON e.tenant = o.tenant AND e.order_id = o.order_id");
  }
}
