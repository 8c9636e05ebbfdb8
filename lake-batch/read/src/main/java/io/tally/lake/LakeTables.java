package io.tally.lake;

import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/** The lake's tables, all in one namespace, and the snapshot summary key that makes ingestion exactly once. */
public final class LakeTables {
  public static final Namespace NAMESPACE = Namespace.of("orders");

  /** Every readable event of orders.events, upcast to the current version, one row per eventId. */
  public static final String EVENTS = "events";
  /** Records that could not be read, with the reason; one row per (partition, offset). */
  public static final String REJECTED = "rejected";
  /** Silver: the latest state of each order. */
  public static final String ORDER_STATE = "order_state";
  /** Gold: per tenant, day (UTC) and currency, the day's order counts and revenue. */
  public static final String DAILY_REVENUE = "daily_revenue";
  /** Tenants deleted from the lake, so that a replay of the log does not bring them back. */
  public static final String DELETED_TENANTS = "deleted_tenants";

  /**
   * Snapshot summary key holding the Kafka offsets a table reflects, in Spark's offsets JSON
   * ({@code {"orders.events":{"0":42,"1":17}}}: per partition, the next offset to read). Written by the same
   * commit that adds the data, so data and position can never disagree.
   */
  public static final String OFFSETS_PROPERTY = "tally.offsets";

  /** Beside {@link #OFFSETS_PROPERTY} on commits that read the log: where the range read began, for audits. */
  public static final String OFFSETS_FROM_PROPERTY = "tally.offsets-from";

  private LakeTables() {}

  public static TableIdentifier id(String table) {
    return TableIdentifier.of(NAMESPACE, table);
  }
}
