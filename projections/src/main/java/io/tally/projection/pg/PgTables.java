package io.tally.projection.pg;

/**
 * The tables of one Postgres view: the live ones the query side reads, or the shadow ones a replay rebuilds.
 * Names are constants of this code, never input, so they may be pasted into SQL.
 *
 * @param offsetsKey the projection column value under which this table set keeps its offsets
 */
record PgTables(String currentOrders, String orderEvents, String offsetsKey, boolean notifies) {
  static final String OFFSETS = "projection_offsets";
  static final String READER_ROLE = "tally_reader";
  static final String CHANNEL = "order_changes";
  private static final String SHADOW = "__shadow";

  static PgTables live(String projection) {
    return new PgTables("current_orders", "order_events", projection, true);
  }

  /** A replay writes here; no NOTIFY, since nobody reads the shadow yet. */
  static PgTables shadow(String projection) {
    return new PgTables("current_orders" + SHADOW, "order_events" + SHADOW, projection + SHADOW, false);
  }

  String eventsByOrderIndex() {
    return orderEvents + "_by_order";
  }

  /** The query side's order list: a tenant's newest first, and its keyset pages, without sorting every row. */
  String recentOrdersIndex() {
    return currentOrders + "_recent";
  }
}
