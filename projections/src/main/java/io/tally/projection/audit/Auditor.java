package io.tally.projection.audit;

import io.tally.projection.runtime.DecodedRecord;
import io.tally.projection.runtime.ErasedTenants;
import io.tally.projection.runtime.ProjectedEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares, per tenant, what the log says with what each store holds: event counts and amount sums (and for the
 * row view, the number of orders, their versions and statuses). Each store is compared up to its own resume
 * point, so a store that is merely behind is reported as lag, not as missing data. Where totals differ, it
 * lists every difference: events missing, stored twice or not in the log, orders whose row disagrees with the
 * log, rollups that disagree with their events table. Blocking; run it on a worker or from the command line.
 */
public final class Auditor {
  private final String bootstrap;
  private final String topic;
  private final List<AuditedStore> stores;
  private final ErasedTenants erased;

  public Auditor(String bootstrap, String topic, List<AuditedStore> stores) {
    this(bootstrap, topic, stores, ErasedTenants.none());
  }

  /** erased: tenants the stores no longer hold on purpose; their records in the log are not compared. */
  public Auditor(String bootstrap, String topic, List<AuditedStore> stores, ErasedTenants erased) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.stores = List.copyOf(stores);
    this.erased = erased;
  }

  /** @param onlyTenant audit one tenant, or all when null */
  public JsonObject run(String onlyTenant) throws Exception {
    Instant started = Instant.now();
    // Stores first, then the log end: a store is never ahead of the log, so every bound is inside the range.
    List<StoreComparison> sides = new ArrayList<>();
    for (AuditedStore store : stores) {
      sides.add(new StoreComparison(store, store.snapshot()));
    }
    LogScan scan = new LogScan(bootstrap, topic);
    Map<Integer, Long> logEnd = scan.snapshotEnd();
    long[] poison = new long[1];
    scan.forEach(record -> {
      if (record instanceof DecodedRecord.Valid valid) {
        ProjectedEvent e = valid.event();
        if ((onlyTenant == null || onlyTenant.equals(e.tenant())) && !erased.contains(e.tenant())) {
          sides.forEach(side -> side.logEvent(e));
        }
      } else {
        poison[0]++;
      }
    });
    Map<String, Set<String>> drill = new HashMap<>();
    for (StoreComparison side : sides) {
      drill.put(side.store.projection(), side.compareTotals(onlyTenant));
    }
    drillDown(scan, sides, drill);
    JsonArray reports = new JsonArray();
    boolean clean = true;
    for (StoreComparison side : sides) {
      JsonObject report = side.report();
      clean &= report.getBoolean("clean");
      reports.add(report);
    }
    return new JsonObject()
        .put("checkedAt", started.toString())
        .put("tookMs", java.time.Duration.between(started, Instant.now()).toMillis())
        .put("topic", topic)
        .put("tenant", onlyTenant)
        .put("logEnd", json(logEnd))
        .put("poisonInLog", poison[0])
        .put("stores", reports)
        .put("clean", clean);
  }

  /** Event-level comparison for the tenants whose totals differ, in one more pass over the log. */
  private void drillDown(LogScan scan, List<StoreComparison> sides, Map<String, Set<String>> drill) throws Exception {
    Set<String> tenants = new TreeSet<>();
    drill.values().forEach(tenants::addAll);
    if (tenants.isEmpty()) {
      return;
    }
    Map<String, Map<String, ProjectedEvent>> logEvents = new HashMap<>();
    scan.forEach(record -> {
      if (record instanceof DecodedRecord.Valid valid && tenants.contains(valid.event().tenant())) {
        logEvents.computeIfAbsent(valid.event().tenant(), t -> new HashMap<>())
            .putIfAbsent(valid.event().envelope().eventId(), valid.event());
      }
    });
    for (StoreComparison side : sides) {
      for (String tenant : drill.get(side.store.projection())) {
        side.compareEvents(tenant, logEvents.getOrDefault(tenant, Map.of()));
      }
    }
  }

  static JsonObject json(Map<Integer, Long> offsets) {
    JsonObject json = new JsonObject();
    offsets.forEach((p, o) -> json.put(Integer.toString(p), o));
    return json;
  }

}
