package io.tally.projection.audit;

import io.tally.projection.runtime.EventFacts;
import io.tally.projection.runtime.ProjectedEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One store's side of an audit: its snapshot, the log tallied up to the store's own bounds, and every difference
 * found between the two.
 */
final class StoreComparison {
  private static final int MAX_LISTED = 1000;

  final AuditedStore store;
  final StoreSnapshot snapshot;
  final Map<String, Totals> log = new TreeMap<>();
  final Map<String, Map<String, OrderFold>> folds = new HashMap<>();
  final JsonArray differences = new JsonArray();
  final JsonArray tenants = new JsonArray();
  long notYetProjected;
  long missing;
  long duplicated;
  long unexpected;
  long mismatchedOrders;
  long mismatchedTotals;

  StoreComparison(AuditedStore store, StoreSnapshot snapshot) {
    this.store = store;
    this.snapshot = snapshot;
  }

  void logEvent(ProjectedEvent e) {
    if (e.offset() >= snapshot.bounds().getOrDefault(e.partition(), 0L)) {
      notYetProjected++;
      return;
    }
    log.merge(e.tenant(), Totals.NONE.plus(EventFacts.amountOrZero(e.event())),
        (a, b) -> new Totals(a.events() + 1, a.distinctEvents() + 1, a.amount().add(b.amount())));
    if (store.hasCurrentState()) {
      folds.computeIfAbsent(e.tenant(), t -> new HashMap<>()).merge(e.orderId(), OrderFold.next(null, e),
          (before, ignored) -> OrderFold.next(before, e));
    }
  }

  /** Tenants to look at event by event; also lists order mismatches, which need no further log pass. */
  Set<String> compareTotals(String onlyTenant) throws Exception {
    Set<String> all = new TreeSet<>(log.keySet());
    snapshot.events().keySet().stream().filter(t -> onlyTenant == null || onlyTenant.equals(t)).forEach(all::add);
    Set<String> drill = new TreeSet<>();
    for (String tenant : all) {
      Totals inLog = log.getOrDefault(tenant, Totals.NONE);
      Totals inStore = snapshot.events().getOrDefault(tenant, Totals.NONE);
      boolean eventsMatch = inLog.sameAs(inStore);
      JsonObject row = new JsonObject().put("tenant", tenant).put("log", inLog.toJson()).put("store", inStore.toJson());
      boolean ordersMatch = true;
      if (store.hasCurrentState()) {
        OrdersSummary logOrders = OrdersSummary.of(folds.getOrDefault(tenant, Map.of()));
        OrdersSummary storeOrders = snapshot.orders().getOrDefault(tenant, new OrdersSummary(0, 0, Map.of()));
        ordersMatch = logOrders.equals(storeOrders);
        row.put("logOrders", logOrders.toJson()).put("storeOrders", storeOrders.toJson());
        if (!ordersMatch) {
          compareOrders(tenant);
        }
      }
      row.put("matches", eventsMatch && ordersMatch);
      tenants.add(row);
      if (!eventsMatch) {
        mismatchedTotals++;
        drill.add(tenant);
      }
    }
    if (snapshot.rollups() != null) {
      snapshot.rollups().forEach((tenantAndTable, totals) -> list(new JsonObject().put("kind", "rollup")
          .put("tenant", tenantAndTable).put("rollup", totals.toJson())));
    }
    return drill;
  }

  void compareEvents(String tenant, Map<String, ProjectedEvent> logged) throws Exception {
    Map<String, ProjectedEvent> expected = new HashMap<>();
    logged.forEach((id, e) -> {
      if (e.offset() < snapshot.bounds().getOrDefault(e.partition(), 0L)) {
        expected.put(id, e);
      }
    });
    Map<String, AuditedStore.StoredEvent> stored = new HashMap<>();
    for (AuditedStore.StoredEvent s : store.events(tenant, snapshot.bounds())) {
      stored.put(s.eventId(), s);
      if (s.copies() > 1) {
        duplicated += s.copies() - 1;
        list(event("duplicated", tenant, s.eventId(), s.orderId(), s.partition(), s.offset()).put("copies", s.copies()));
      }
      if (!expected.containsKey(s.eventId())) {
        unexpected += s.copies();
        list(event("unexpected", tenant, s.eventId(), s.orderId(), s.partition(), s.offset()));
      }
    }
    expected.forEach((id, e) -> {
      if (!stored.containsKey(id)) {
        missing++;
        list(event("missing", tenant, id, e.orderId(), e.partition(), e.offset()));
      }
    });
  }

  private void compareOrders(String tenant) throws Exception {
    Map<String, OrderFold> rows = store.orders(tenant);
    Map<String, OrderFold> expected = folds.getOrDefault(tenant, Map.of());
    Set<String> ids = new TreeSet<>(expected.keySet());
    ids.addAll(rows.keySet());
    for (String orderId : ids) {
      OrderFold want = expected.get(orderId);
      OrderFold have = rows.get(orderId);
      if (want == null || !want.equals(have)) {
        mismatchedOrders++;
        list(new JsonObject().put("kind", "order").put("tenant", tenant).put("orderId", orderId)
            .put("log", want == null ? null : new JsonObject().put("version", want.version()).put("status", want.status()))
            .put("store", have == null ? null : new JsonObject().put("version", have.version()).put("status", have.status())));
      }
    }
  }

  private void list(JsonObject difference) {
    if (differences.size() < MAX_LISTED) {
      differences.add(difference);
    }
  }

  private static JsonObject event(String kind, String tenant, String eventId, String orderId, int partition,
                                  long offset) {
    return new JsonObject().put("kind", kind).put("tenant", tenant).put("eventId", eventId).put("orderId", orderId)
        .put("partition", partition).put("offset", offset);
  }

  JsonObject report() {
    long rollupDifferences = snapshot.rollups() == null ? 0 : snapshot.rollups().size();
    boolean clean = missing == 0 && duplicated == 0 && unexpected == 0 && mismatchedOrders == 0
        && mismatchedTotals == 0 && rollupDifferences == 0;
    return new JsonObject()
        .put("projection", store.projection())
        .put("bounds", Auditor.json(snapshot.bounds()))
        .put("notYetProjected", notYetProjected)
        .put("missing", missing)
        .put("duplicated", duplicated)
        .put("unexpected", unexpected)
        .put("mismatchedOrders", mismatchedOrders)
        .put("mismatchedTenantTotals", mismatchedTotals)
        .put("rollupDifferences", rollupDifferences)
        .put("clean", clean)
        .put("differences", differences)
        .put("differencesListed", differences.size())
        .put("tenants", tenants);
  }
}
