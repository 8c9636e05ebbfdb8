package io.tally.lake.job;

import io.tally.lake.LakeTables;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gold: brings daily_revenue up to the events table's position. The (tenant, UTC day) pairs with events that
 * arrived since daily_revenue's recorded position are recomputed whole from the events of those days, and
 * replace their rows in one commit (rows a day no longer produces are deleted in it). An order counts under the
 * currency it was placed in, which order_state knows; shipping and cancelling events carry no currency.
 */
final class DailyRevenueUpdate {
  private DailyRevenueUpdate() {}

  /** Number of (tenant, day) pairs recomputed. */
  static long run(Lake lake) {
    Optional<KafkaOffsets> to = CommittedOffsets.of(lake.load(LakeTables.EVENTS));
    Optional<KafkaOffsets> from = CommittedOffsets.of(lake.load(LakeTables.DAILY_REVENUE));
    if (to.isEmpty() || from.equals(to)) {
      return 0;
    }
    String events = lake.sql(LakeTables.EVENTS);
    Dataset<Row> touched = lake.spark().sql("SELECT DISTINCT tenant, to_date(occurred_at) AS day FROM " + events
        + " WHERE " + OffsetRange.predicate(from, to.get())).cache();
    try {
      touched.createOrReplaceTempView("tally_touched_days");
      Row span = touched.selectExpr("count(*)", "min(day)", "date_add(max(day), 1)").first();
      long days = span.getLong(0);
      RunLog.say("updating " + lake.sql(LakeTables.DAILY_REVENUE) + " for " + days + " tenant-days");
      if (days > 0) {
        // The day bounds let Iceberg prune events files by their day partition before the join.
        String within = "e.occurred_at >= TIMESTAMP '" + span.get(1) + " 00:00:00' AND e.occurred_at < TIMESTAMP '"
            + span.get(2) + " 00:00:00'";
        Merges.upsert(lake, LakeTables.DAILY_REVENUE, lake.spark().sql(recompute(lake, within, from.isEmpty())),
            new String[] {"tenant", "day", "currency"}, Commits.at(to.get()));
      }
      Commits.ensureRecorded(lake.load(LakeTables.DAILY_REVENUE), to.get());
      return days;
    } finally {
      touched.unpersist();
      lake.spark().catalog().dropTempView("tally_touched_days");
    }
  }

  /** everything: the table was never built, so every day is touched and the join with them can be skipped. */
  private static String recompute(Lake lake, String within, boolean everything) {
    String fresh = "SELECT e.tenant, to_date(e.occurred_at) AS day,"
        + " coalesce(o.currency, e.currency, 'XXX') AS currency,"
        + " count_if(e.type = 'OrderPlaced') AS orders_placed,"
        + " count_if(e.type = 'OrderPaid') AS orders_paid,"
        + " count_if(e.type = 'OrderShipped') AS orders_shipped,"
        + " count_if(e.type = 'OrderCancelled') AS orders_cancelled,"
        + " count_if(e.type = 'OrderRefunded') AS refunds,"
        + " CAST(coalesce(sum(CASE WHEN e.type = 'OrderPaid' THEN e.amount END), 0) AS DECIMAL(20,3)) AS paid_amount,"
        + " CAST(coalesce(sum(CASE WHEN e.type = 'OrderRefunded' THEN e.amount END), 0) AS DECIMAL(20,3))"
        + " AS refunded_amount"
        + " FROM " + lake.sql(LakeTables.EVENTS) + " e"
        + (everything ? "" : " JOIN tally_touched_days d ON e.tenant = d.tenant AND to_date(e.occurred_at) = d.day")
        + " LEFT JOIN " + lake.sql(LakeTables.ORDER_STATE) + " o ON o.tenant = e.tenant AND o.order_id = e.order_id"
        + " WHERE " + within
        + " GROUP BY 1, 2, 3";
    String stale = "SELECT t.tenant, t.day, t.currency FROM " + lake.sql(LakeTables.DAILY_REVENUE) + " t"
        + " LEFT SEMI JOIN tally_touched_days d ON t.tenant = d.tenant AND t.day = d.day"
        + " LEFT ANTI JOIN fresh f ON t.tenant = f.tenant AND t.day = f.day AND t.currency = f.currency";
    return "WITH fresh AS (" + fresh + "), stale AS (" + stale + ")"
        + " SELECT tenant, day, currency, orders_placed, orders_paid, orders_shipped, orders_cancelled, refunds,"
        + " paid_amount, refunded_amount, CAST(paid_amount - refunded_amount AS DECIMAL(20,3)) AS revenue,"
        + " false AS _gone FROM fresh"
        + " UNION ALL SELECT tenant, day, currency, 0, 0, 0, 0, 0, CAST(0 AS DECIMAL(20,3)), CAST(0 AS DECIMAL(20,3)),"
        + " CAST(0 AS DECIMAL(20,3)), true FROM stale";
  }
}
