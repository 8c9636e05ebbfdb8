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

  /** Number of (tenant, day) pairs recomputed; allEvents: the events table's rows when a caller has them in memory. */
  static long run(Lake lake, Optional<Dataset<Row>> allEvents) {
    Optional<KafkaOffsets> to = CommittedOffsets.of(lake.load(LakeTables.EVENTS));
    Optional<KafkaOffsets> from = CommittedOffsets.of(lake.load(LakeTables.DAILY_REVENUE));
    if (to.isEmpty() || from.equals(to)) {
      return 0;
    }
    if (from.isEmpty() && Commits.isEmpty(lake.load(LakeTables.DAILY_REVENUE))) {
      return firstBuild(lake, to.get(), allEvents);
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
        upsert(lake, fresh(lake, lake.sql(LakeTables.EVENTS), within, true), true, to.get());
      }
      Commits.ensureRecorded(lake.load(LakeTables.DAILY_REVENUE), to.get());
      return days;
    } finally {
      touched.unpersist();
      lake.spark().catalog().dropTempView("tally_touched_days");
    }
  }

  /**
   * Never built: every day is touched and no row can be stale, so one aggregation over the events gives the whole
   * table, without first scanning them for the touched days or anti-joining rows that cannot exist.
   */
  private static long firstBuild(Lake lake, KafkaOffsets to, Optional<Dataset<Row>> allEvents) {
    RunLog.say("updating " + lake.sql(LakeTables.DAILY_REVENUE) + " for all tenant-days (first build)");
    // Events the run still holds in memory are read from there rather than back from the table it just wrote.
    allEvents.ifPresent(rows -> rows.createOrReplaceTempView("tally_all_events"));
    String events = allEvents.isPresent() ? "tally_all_events" : lake.sql(LakeTables.EVENTS);
    try {
      long days = upsert(lake, fresh(lake, events, "TRUE", false), false, to);
      RunLog.say("updated " + lake.sql(LakeTables.DAILY_REVENUE) + " for " + days + " tenant-days");
      Commits.ensureRecorded(lake.load(LakeTables.DAILY_REVENUE), to);
      return days;
    } finally {
      lake.spark().catalog().dropTempView("tally_all_events");
    }
  }

  /**
   * Recomputes the days in fresh (computed once, cached: the MERGE and the stale rows both read it) and replaces
   * their rows; stale: also delete rows of touched days the events no longer produce. Returns the tenant-days.
   */
  private static long upsert(Lake lake, String freshSql, boolean stale, KafkaOffsets to) {
    Dataset<Row> fresh = lake.spark().sql(freshSql).cache();
    try {
      fresh.createOrReplaceTempView("tally_fresh_days");
      long days = fresh.select("tenant", "day").distinct().count();
      if (days > 0 || stale) { // with stale rows to delete, even no fresh row is a change
        Merges.upsert(lake, LakeTables.DAILY_REVENUE, lake.spark().sql(withRevenue(lake, stale)),
            new String[] {"tenant", "day", "currency"}, Commits.at(to));
      }
      return days;
    } finally {
      lake.spark().catalog().dropTempView("tally_fresh_days");
      fresh.unpersist();
    }
  }

  /**
   * Figures per (tenant, day, currency) from the events (a table or view of the events table's rows) within;
   * touched: only the days in tally_touched_days.
   */
  private static String fresh(Lake lake, String events, String within, boolean touched) {
    // A hash join on the order: sorting every event by order for a sort-merge join was most of gold's time.
    return "SELECT /*+ SHUFFLE_HASH(o) */ e.tenant, to_date(e.occurred_at) AS day,"
        + " coalesce(o.currency, e.currency, 'XXX') AS currency,"
        + " count_if(e.type = 'OrderPlaced') AS orders_placed,"
        + " count_if(e.type = 'OrderPaid') AS orders_paid,"
        + " count_if(e.type = 'OrderShipped') AS orders_shipped,"
        + " count_if(e.type = 'OrderCancelled') AS orders_cancelled,"
        + " count_if(e.type = 'OrderRefunded') AS refunds,"
        + " CAST(coalesce(sum(CASE WHEN e.type = 'OrderPaid' THEN e.amount END), 0) AS DECIMAL(20,3)) AS paid_amount,"
        + " CAST(coalesce(sum(CASE WHEN e.type = 'OrderRefunded' THEN e.amount END), 0) AS DECIMAL(20,3))"
        + " AS refunded_amount"
        + " FROM " + events + " e"
        + (touched ? " JOIN tally_touched_days d ON e.tenant = d.tenant AND to_date(e.occurred_at) = d.day" : "")
        + " LEFT JOIN " + lake.sql(LakeTables.ORDER_STATE) + " o ON o.tenant = e.tenant AND o.order_id = e.order_id"
        + " WHERE " + within
        + " GROUP BY 1, 2, 3";
  }

  /** The MERGE source: tally_fresh_days with revenue, plus (stale) deletions of rows the touched days lost. */
  private static String withRevenue(Lake lake, boolean stale) {
    String rows = "SELECT tenant, day, currency, orders_placed, orders_paid, orders_shipped, orders_cancelled, refunds,"
        + " paid_amount, refunded_amount, CAST(paid_amount - refunded_amount AS DECIMAL(20,3)) AS revenue,"
        + " false AS _gone FROM tally_fresh_days";
    if (!stale) {
      return rows;
    }
    return rows + " UNION ALL SELECT t.tenant, t.day, t.currency, 0, 0, 0, 0, 0, CAST(0 AS DECIMAL(20,3)),"
        + " CAST(0 AS DECIMAL(20,3)), CAST(0 AS DECIMAL(20,3)), true"
        + " FROM " + lake.sql(LakeTables.DAILY_REVENUE) + " t"
        + " LEFT SEMI JOIN tally_touched_days d ON t.tenant = d.tenant AND t.day = d.day"
        + " LEFT ANTI JOIN tally_fresh_days f ON t.tenant = f.tenant AND t.day = f.day AND t.currency = f.currency";
  }
}
