package io.tally.query.live;

import io.tally.query.orders.OrderQueries;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed of one tenant on this instance: its sockets and the changes waiting to be pushed. Notifications
 * are coalesced over a short window: at most one read of the changed rows per window (with the tenant's
 * row-level security, at most {@value #MAX_DELTA_ORDERS} orders, the rest in the next windows), and one encoded
 * message written to every socket. A read is never overlapped by the next, so a later delta never carries older
 * rows than an earlier one. Runs on the hub's event loop only.
 */
final class TenantFeed {
  private static final Logger LOG = LoggerFactory.getLogger(TenantFeed.class);
  /** Orders per read and per message: a projection catching up commits thousands at once. */
  static final int MAX_DELTA_ORDERS = 1_000;
  /** Changed orders waiting beyond this many: the clients are better served by a fresh snapshot. */
  static final int MAX_PENDING = 100_000;

  private final Vertx vertx;
  private final String tenant;
  private final OrderQueries queries;
  private final long windowNanos;
  private final LiveMetrics metrics;
  private final Set<LiveSocket> sockets = new LinkedHashSet<>();
  private final Set<String> pending = new LinkedHashSet<>();
  private final TenantStats stats;
  private final TenantSnapshots snapshots;
  private boolean reading;
  private boolean overflow;
  private long timer = -1;
  private long lastReadNanos;

  TenantFeed(Vertx vertx, String tenant, OrderQueries queries, TenantStats stats, TenantSnapshots snapshots,
             long windowMs, LiveMetrics metrics) {
    this.vertx = vertx;
    this.tenant = tenant;
    this.queries = queries;
    this.stats = stats;
    this.snapshots = snapshots;
    this.windowNanos = windowMs * 1_000_000L;
    this.metrics = metrics;
    this.lastReadNanos = System.nanoTime() - windowNanos;
  }

  void add(LiveSocket socket) { sockets.add(socket); }
  void remove(LiveSocket socket) { sockets.remove(socket); }
  boolean isEmpty() { return sockets.isEmpty(); }
  Set<LiveSocket> sockets() { return sockets; }
  TenantSnapshots snapshots() { return snapshots; }

  void changed(List<String> orderIds) {
    if (overflow || pending.size() + orderIds.size() > MAX_PENDING) {
      overflow = true;
      pending.clear();
    } else {
      pending.addAll(orderIds);
    }
    stats.changed();
    schedule();
  }

  /** A replay swapped the whole view in: every socket starts again from a snapshot. */
  void rebuilt() {
    List.copyOf(sockets).forEach(LiveSocket::resync);
    stats.changed();
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    stats.stop();
  }

  void broadcast(Buffer message) {
    for (LiveSocket socket : List.copyOf(sockets)) {
      socket.deliver(message);
    }
  }

  // Leading edge: after a quiet window a change goes out at once; under load, once per window.
  private void schedule() {
    if (reading || timer >= 0 || (pending.isEmpty() && !overflow)) {
      return;
    }
    long wait = windowNanos - (System.nanoTime() - lastReadNanos);
    if (wait <= 0) {
      flush();
    } else {
      timer = vertx.setTimer(Math.max(1, wait / 1_000_000L), t -> {
        timer = -1;
        flush();
      });
    }
  }

  private void flush() {
    if (sockets.isEmpty()) {
      pending.clear();
      overflow = false;
      return;
    }
    if (overflow) {
      overflow = false;
      lastReadNanos = System.nanoTime();
      rebuilt();
      return;
    }
    List<String> ids = new ArrayList<>(Math.min(pending.size(), MAX_DELTA_ORDERS));
    var taking = pending.iterator();
    while (taking.hasNext() && ids.size() < MAX_DELTA_ORDERS) {
      ids.add(taking.next());
      taking.remove();
    }
    reading = true;
    long started = System.nanoTime();
    lastReadNanos = started;
    queries.changed(tenant, ids).onComplete(ar -> {
      reading = false;
      if (ar.succeeded()) {
        metrics.delta(System.nanoTime() - started);
        if (!ar.result().isEmpty()) {
          broadcast(LiveMessages.orders(tenant, ar.result()));
        }
      } else {
        // The rows could not be read: the clients' view is now unknown, so they start again from a snapshot.
        LOG.warn("reading the changed orders of {} failed: {}", tenant, ar.cause().toString());
        rebuilt();
      }
      schedule();
    });
  }
}
