package io.tally.query.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.query.analytics.Analytics;
import io.tally.query.orders.OrderQueries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sockets of this instance, grouped by tenant, and what drives them: change notices from Postgres,
 * snapshots, heartbeats. A tenant nobody watches here costs nothing: its notices are dropped unread. Every
 * method runs on the one event loop of the query verticle, so nothing here is shared between threads.
 */
public final class LiveHub {
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  private static final short UNAVAILABLE = 1011;

  private final Vertx vertx;
  private final OrderQueries orders;
  private final Analytics analytics;
  private final Clock clock;
  private final LiveOptions options;
  private final LiveMetrics metrics;
  private final Map<String, TenantFeed> feeds = new HashMap<>();
  private int sockets;
  private long heartbeatTimer = -1;

  public LiveHub(Vertx vertx, OrderQueries orders, Analytics analytics, Clock clock, LiveOptions options,
                 MeterRegistry registry) {
    this.vertx = vertx;
    this.orders = orders;
    this.analytics = analytics;
    this.clock = clock;
    this.options = options;
    this.metrics = new LiveMetrics(registry, () -> sockets);
  }

  public void start() {
    heartbeatTimer = vertx.setPeriodic(options.heartbeatMs(), t -> heartbeat());
  }

  public void stop() {
    vertx.cancelTimer(heartbeatTimer);
    feeds.values().forEach(TenantFeed::stop);
    feeds.values().forEach(feed -> List.copyOf(feed.sockets()).forEach(s -> s.ws.close((short) 1001, "shutting down")));
    feeds.clear();
  }

  LiveSocket join(ServerWebSocket ws, String tenant, String subject) {
    LiveSocket socket = new LiveSocket(ws, tenant, subject, this::sendSnapshot, metrics);
    feed(tenant).add(socket);
    sockets++;
    sendSnapshot(socket);
    return socket;
  }

  void leave(LiveSocket socket) {
    socket.closed();
    TenantFeed feed = feeds.get(socket.tenant);
    if (feed != null && feed.sockets().contains(socket)) {
      feed.remove(socket);
      sockets--;
      if (feed.isEmpty()) {
        feed.stop();
        feeds.remove(socket.tenant);
      }
    }
  }

  /** A commit of the projection: push the changed rows to the tenant's sockets, if any. */
  void changed(ChangeNotice notice) {
    TenantFeed feed = feeds.get(notice.tenant());
    if (feed == null) {
      return;
    }
    if (notice.rebuilt()) {
      feed.rebuilt();
    } else {
      feed.changed(notice.orderIds());
    }
  }

  /** Notices may have been missed (the LISTEN connection was lost): everyone starts again from a snapshot. */
  void resyncAll() {
    feeds.values().forEach(TenantFeed::rebuilt);
  }

  public int sockets() {
    return sockets;
  }

  private TenantFeed feed(String tenant) {
    return feeds.computeIfAbsent(tenant, t -> {
      TenantFeed[] self = new TenantFeed[1];
      TenantStats stats = new TenantStats(vertx, t, analytics, clock, options.statsRefreshMs(),
          options.statsSettleMs(), message -> self[0].broadcast(message));
      TenantSnapshots snapshots = new TenantSnapshots(() -> readSnapshot(t), this::snapshotFailed);
      self[0] = new TenantFeed(vertx, t, orders, stats, snapshots, options.windowMs(), metrics);
      return self[0];
    });
  }

  private void sendSnapshot(LiveSocket socket) {
    TenantFeed feed = feeds.get(socket.tenant);
    if (feed != null) {
      feed.snapshots().request(socket);
    }
  }

  /**
   * Recent orders from Postgres (required) and the analytics from ClickHouse (shown as missing when ClickHouse
   * is down, rather than refusing the live view for it).
   */
  private Future<Buffer> readSnapshot(String tenant) {
    Future<JsonArray> recent = orders.recent(tenant, options.snapshotOrders());
    Future<TenantStats.Figures> figures = TenantStats.read(analytics, tenant, clock)
        .otherwise(TenantStats.Figures.UNKNOWN);
    return recent.compose(rows -> figures.map(f -> {
      metrics.snapshot();
      return LiveMessages.snapshot(tenant, rows, f.stats(), f.revenue());
    }));
  }

  private void snapshotFailed(LiveSocket socket, Throwable e) {
    LOG.warn("snapshot for {} failed: {}", socket.tenant, e.toString());
    socket.ws.close(UNAVAILABLE, "the live view is unavailable; reconnect shortly");
  }

  private void heartbeat() {
    Buffer beat = LiveMessages.heartbeat(options.heartbeatMs());
    // A client that answered no ping for three heartbeats (at least 30 s) is gone or hopelessly stuck.
    long staleNanos = Math.max(options.heartbeatMs() * 3, 30_000L) * 1_000_000L;
    long now = System.nanoTime();
    for (TenantFeed feed : List.copyOf(feeds.values())) {
      for (LiveSocket socket : List.copyOf(feed.sockets())) {
        if (now - socket.lastPongNanos > staleNanos) {
          socket.ws.close((short) 1001, "no answer to pings");
        } else {
          socket.heartbeat(beat);
        }
      }
    }
  }
}
