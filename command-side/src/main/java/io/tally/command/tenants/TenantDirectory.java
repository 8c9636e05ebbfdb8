package io.tally.command.tenants;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog as the request path sees it: an in-memory snapshot refreshed periodically, so a command costs no
 * database round trip. A miss asks the database once (a tenant just created by another instance) and remembers a
 * real absence for a moment, so a flood for an unknown tenant does not become a flood of queries.
 */
public final class TenantDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(TenantDirectory.class);
  private static final long ABSENCE_MILLIS = 2000;
  private final TenantCatalog catalog;
  private volatile Map<String, Tenant> known = Map.of();
  private final ConcurrentHashMap<String, Long> absentUntil = new ConcurrentHashMap<>();

  public TenantDirectory(TenantCatalog catalog) {
    this.catalog = catalog;
  }

  public Future<Void> refresh() {
    return catalog.list().map(list -> {
      Map<String, Tenant> next = new HashMap<>();
      list.forEach(t -> next.put(t.id(), t));
      known = Map.copyOf(next);
      absentUntil.clear();
      return null;
    });
  }

  public void refreshEvery(Vertx vertx, long millis) {
    vertx.setPeriodic(millis, id -> refresh().onFailure(e -> LOG.warn("tenant catalog refresh failed: {}", e.toString())));
  }

  /** The tenant if it exists; served from memory except on a miss. */
  public Future<Optional<Tenant>> find(String id) {
    Tenant tenant = known.get(id);
    if (tenant != null) {
      return Future.succeededFuture(Optional.of(tenant));
    }
    Long until = absentUntil.get(id);
    if (until != null && until > System.currentTimeMillis()) {
      return Future.succeededFuture(Optional.empty());
    }
    return catalog.find(id).onSuccess(found -> {
      if (found.isPresent()) {
        put(found.get());
      } else {
        absentUntil.put(id, System.currentTimeMillis() + ABSENCE_MILLIS);
      }
    });
  }

  /** After this instance created or changed a tenant: visible here at once, elsewhere at the next refresh. */
  public synchronized void put(Tenant tenant) {
    Map<String, Tenant> next = new HashMap<>(known);
    next.put(tenant.id(), tenant);
    known = Map.copyOf(next);
    absentUntil.remove(tenant.id());
  }

  public List<Tenant> snapshot() {
    return List.copyOf(known.values());
  }
}
