package io.tally.query.live;

import io.tally.query.analytics.Analytics;
import io.tally.query.analytics.TimeWindow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps a tenant's counters and revenue chart moving. ClickHouse sends no notifications and its view trails
 * Postgres by the projection's batch wait, so after each Postgres change the analytics are re-read every
 * refresh interval until the tenant has been quiet for the settle time: at most one read per interval, none at
 * all while nothing changes. An update is pushed only when the figures differ from the last ones pushed.
 */
final class TenantStats {
  private final Vertx vertx;
  private final String tenant;
  private final Analytics analytics;
  private final Clock clock;
  private final long refreshMs;
  private final long settleNanos;
  private final Consumer<Buffer> push;
  private long timer = -1;
  private long lastChangeNanos;
  private String lastPushed;

  TenantStats(Vertx vertx, String tenant, Analytics analytics, Clock clock, long refreshMs, long settleMs,
              Consumer<Buffer> push) {
    this.vertx = vertx;
    this.tenant = tenant;
    this.analytics = analytics;
    this.clock = clock;
    this.refreshMs = refreshMs;
    this.settleNanos = settleMs * 1_000_000L;
    this.push = push;
  }

  /** Both figures a client shows: all-time totals and the last 24 hours of revenue (null when unknown). */
  record Figures(JsonObject stats, JsonObject revenue) {
    static final Figures UNKNOWN = new Figures(null, null);

    String key() {
      return String.valueOf(stats) + revenue;
    }
  }

  static Future<Figures> read(Analytics analytics, String tenant, Clock clock) {
    Future<JsonObject> stats = analytics.stats(tenant, Optional.empty(), Optional.empty());
    Future<JsonObject> revenue = analytics.revenue(tenant, TimeWindow.lastDay(clock));
    return Future.all(stats, revenue).map(all -> new Figures(stats.result(), revenue.result()));
  }

  void changed() {
    lastChangeNanos = System.nanoTime();
    if (timer < 0) {
      timer = vertx.setTimer(refreshMs, t -> refresh());
    }
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void refresh() {
    read(analytics, tenant, clock).onComplete(ar -> {
      if (ar.succeeded()) {
        String key = ar.result().key();
        if (!key.equals(lastPushed)) {
          lastPushed = key;
          push.accept(LiveMessages.stats(tenant, ar.result().stats(), ar.result().revenue()));
        }
      }
      if (timer < 0) {
        return; // stopped meanwhile
      }
      timer = System.nanoTime() - lastChangeNanos < settleNanos ? vertx.setTimer(refreshMs, t -> refresh()) : -1;
    });
  }
}
