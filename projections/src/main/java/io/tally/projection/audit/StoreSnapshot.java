package io.tally.projection.audit;

import java.util.Map;

/**
 * What a store holds, taken at one moment: its resume point (offsets below it are claimed as applied), per-tenant
 * event totals, and, for stores that have them, the per-tenant current-state summary and rollup totals.
 */
public record StoreSnapshot(Map<Integer, Long> bounds, Map<String, Totals> events, Map<String, OrdersSummary> orders,
                            Map<String, Totals> rollups) {}
