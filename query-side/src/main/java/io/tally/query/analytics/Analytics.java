package io.tally.query.analytics;

import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.clickhouse.ClickHouseSql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The ClickHouse reads: totals by status and revenue, and revenue over time, from the projection ch-analytics'
 * rollups (never the raw events, so the cost does not grow with the number of events). ClickHouse 18.16 has no
 * server-side parameters and no row policies, so the tenant predicate is pasted in as an escaped literal here, in
 * the one place every statement is built.
 */
public final class Analytics {
  // Tables of ch-analytics (ChTables.live()); SummingMergeTree, so every read sums again: merges are lazy.
  static final String HOURLY = "orders_hourly";
  static final String DAILY = "orders_daily";

  private final ClickHouseHttp ch;

  public Analytics(ClickHouseHttp ch) {
    this.ch = ch;
  }

  /**
   * Totals over [from, to). A window of whole UTC days (or none) is read from the daily rollup, a few rows per
   * day; any other window from the hourly one, whole hours whose start lies in it.
   */
  public Future<JsonObject> stats(String tenant, Optional<Instant> from, Optional<Instant> to) {
    if (from.map(Analytics::midnight).orElse(true) && to.map(Analytics::midnight).orElse(true)) {
      StringBuilder sql = new StringBuilder("SELECT currency, sum(events) AS n, sum(placed) AS placed_n,"
          + " sum(paid) AS paid_n, sum(shipped) AS shipped_n, sum(cancelled) AS cancelled_n,"
          + " sum(refunded) AS refunded_n, toString(sum(placed_amount)) AS placed_sum,"
          + " toString(sum(paid_amount)) AS paid_sum, toString(sum(refunded_amount)) AS refunded_sum,"
          + " toString(sum(revenue)) AS revenue_sum FROM " + DAILY + " WHERE " + tenantIs(tenant));
      from.ifPresent(f -> sql.append(" AND day >= toDate(").append(date(f)).append(")"));
      to.ifPresent(t -> sql.append(" AND day < toDate(").append(date(t)).append(")"));
      sql.append(" GROUP BY currency");
      return ch.query(sql.toString()).map(rows -> StatsJson.fromDaily(tenant, from, to, rows));
    }
    StringBuilder sql = new StringBuilder("SELECT status, currency, sum(events) AS n, toString(sum(amount))"
        + " AS amount_sum, toString(sum(revenue)) AS revenue_sum FROM " + HOURLY + " WHERE " + tenantIs(tenant));
    from.ifPresent(f -> sql.append(" AND hour >= toDateTime(").append(ClickHouseSql.literal(f.getEpochSecond()))
        .append(")"));
    to.ifPresent(t -> sql.append(" AND hour < toDateTime(").append(ClickHouseSql.literal(t.getEpochSecond()))
        .append(")"));
    sql.append(" GROUP BY status, currency");
    return ch.query(sql.toString()).map(rows -> StatsJson.fromHourly(tenant, from, to, rows));
  }

  public Future<JsonObject> revenue(String tenant, TimeWindow window) {
    String sql = window.bucket() == Bucket.HOUR
        ? "SELECT toUInt32(hour) AS at, currency, toString(sum(revenue)) AS revenue_sum,"
            + " sumIf(events, status = 'PAID') AS payments, sumIf(events, status = 'PLACED') AS placed_n FROM "
            + HOURLY + " WHERE " + tenantIs(tenant)
            + " AND hour >= toDateTime(" + ClickHouseSql.literal(window.from().getEpochSecond()) + ")"
            + " AND hour < toDateTime(" + ClickHouseSql.literal(window.to().getEpochSecond()) + ")"
            + " AND currency != '' GROUP BY hour, currency ORDER BY hour"
        : "SELECT toString(day) AS d, currency, toString(sum(revenue)) AS revenue_sum, sum(paid) AS payments,"
            + " sum(placed) AS placed_n FROM " + DAILY + " WHERE " + tenantIs(tenant)
            + " AND day >= toDate(" + date(window.from()) + ")"
            + " AND day < toDate(" + date(window.to()) + ")"
            + " AND currency != '' GROUP BY day, currency ORDER BY day";
    // Aliases never reuse a column name: ClickHouse lets an alias shadow the column in WHERE and GROUP BY.
    return ch.query(sql).map(rows -> RevenueSeries.of(tenant, window, rows));
  }

  private static boolean midnight(Instant at) {
    return at.getEpochSecond() % 86_400 == 0 && at.getNano() == 0;
  }

  /** A UTC calendar date literal: a Date has no time zone, so days are compared as dates. */
  private static String date(Instant at) {
    return ClickHouseSql.literal(LocalDate.ofInstant(at, ZoneOffset.UTC).toString());
  }

  /** The tenant predicate every statement carries; the only way a tenant name enters ClickHouse SQL. */
  static String tenantIs(String tenant) {
    return "tenant = " + ClickHouseSql.literal(tenant);
  }
}
