package io.tally.projection.ch;

import java.util.List;

/**
 * DDL of the ClickHouse view (18.16: no DateTime64, so seconds plus a millisecond column; Decimal amounts; the
 * rollups' Decimal(38,4) is exactly what sum() of Decimal(18,4) yields, because a materialized view whose types
 * do not match fails after the base table was written, which would leave the rollups short).
 */
final class ChSchema {

  private ChSchema() {}

  static List<String> create(ChTables t) {
    return List.of("""
        CREATE TABLE IF NOT EXISTS %s (
          event_id UUID, tenant String, order_id String, sequence UInt64, type String, schema_version UInt16,
          status String, occurred_at DateTime('UTC'), occurred_at_ms UInt64,
          amount Decimal(18,4), revenue Decimal(18,4), currency String, customer_id String,
          kafka_partition UInt32, kafka_offset UInt64, projected_at DateTime('UTC'))
        ENGINE = MergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (tenant, occurred_at, order_id, sequence)"""
            .formatted(t.events()),
        """
        CREATE TABLE IF NOT EXISTS %s (
          tenant String, hour DateTime('UTC'), status String, currency String,
          events UInt64, amount Decimal(38,4), revenue Decimal(38,4))
        ENGINE = SummingMergeTree PARTITION BY toYYYYMM(hour) ORDER BY (tenant, hour, status, currency)"""
            .formatted(t.hourly()),
        """
        CREATE TABLE IF NOT EXISTS %s (
          tenant String, day Date, currency String, events UInt64, placed UInt64, paid UInt64, shipped UInt64,
          cancelled UInt64, refunded UInt64, placed_amount Decimal(38,4), paid_amount Decimal(38,4),
          refunded_amount Decimal(38,4), revenue Decimal(38,4))
        ENGINE = SummingMergeTree PARTITION BY toYYYYMM(day) ORDER BY (tenant, day, currency)"""
            .formatted(t.daily()),
        """
        CREATE TABLE IF NOT EXISTS %s (kafka_partition UInt32, next_offset UInt64, at DateTime('UTC'))
        ENGINE = MergeTree ORDER BY kafka_partition""".formatted(t.checkpoints()),
        """
        CREATE MATERIALIZED VIEW IF NOT EXISTS %s TO %s AS
        SELECT tenant, toStartOfHour(occurred_at) AS hour, status, currency, count() AS events,
               sum(amount) AS amount, sum(revenue) AS revenue
        FROM %s GROUP BY tenant, hour, status, currency""".formatted(t.hourlyView(), t.hourly(), t.events()),
        """
        CREATE MATERIALIZED VIEW IF NOT EXISTS %s TO %s AS
        SELECT tenant, toDate(occurred_at) AS day, currency, count() AS events,
               countIf(status = 'PLACED') AS placed, countIf(status = 'PAID') AS paid,
               countIf(status = 'SHIPPED') AS shipped, countIf(status = 'CANCELLED') AS cancelled,
               countIf(status = 'REFUNDED') AS refunded, sumIf(amount, status = 'PLACED') AS placed_amount,
               sumIf(amount, status = 'PAID') AS paid_amount, sumIf(amount, status = 'REFUNDED') AS refunded_amount,
               sum(revenue) AS revenue
        FROM %s GROUP BY tenant, day, currency""".formatted(t.dailyView(), t.daily(), t.events()));
  }

  /** Views first: a view left on a dropped table would catch the next table created under that name. */
  static List<String> drop(ChTables t) {
    return List.of("DROP TABLE IF EXISTS " + t.hourlyView(), "DROP TABLE IF EXISTS " + t.dailyView(),
        "DROP TABLE IF EXISTS " + t.events(), "DROP TABLE IF EXISTS " + t.hourly(),
        "DROP TABLE IF EXISTS " + t.daily(), "DROP TABLE IF EXISTS " + t.checkpoints());
  }

  static String resumePoint(ChTables t) {
    return """
        SELECT kafka_partition AS p, max(next) AS next FROM (
          SELECT kafka_partition, max(kafka_offset) + 1 AS next FROM %s GROUP BY kafka_partition
          UNION ALL
          SELECT kafka_partition, max(next_offset) AS next FROM %s GROUP BY kafka_partition)
        GROUP BY kafka_partition""".formatted(t.events(), t.checkpoints());
  }
}
