package io.tally.projection.ch;

import java.util.List;

/**
 * The objects of one ClickHouse view: events, the two rollups, the materialized views feeding them, and the
 * checkpoints table. Names are constants of this code (plus a fixed suffix), never input.
 */
record ChTables(String events, String hourly, String daily, String hourlyView, String dailyView, String checkpoints) {
  static final String SHADOW = "__shadow";
  static final String OLD = "__old";

  static ChTables live() {
    return new ChTables("order_events", "orders_hourly", "orders_daily", "orders_hourly_mv", "orders_daily_mv",
        "projection_checkpoints");
  }

  static ChTables shadow() {
    ChTables live = live();
    return new ChTables(live.events + SHADOW, live.hourly + SHADOW, live.daily + SHADOW, live.hourlyView + SHADOW,
        live.dailyView + SHADOW, live.checkpoints + SHADOW);
  }

  /** Tables that move in a swap; the materialized views stay, they find their tables by name. */
  List<String> swappedTables() {
    return List.of(events, hourly, daily, checkpoints);
  }
}
