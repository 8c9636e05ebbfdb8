package io.tally.query;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.query.admin.AdminProxy;
import io.tally.query.analytics.Analytics;
import io.tally.query.analytics.AnalyticsRoutes;
import io.tally.query.history.HistoryRoutes;
import io.tally.query.history.LakeHistory;
import io.tally.query.live.LiveEndpoint;
import io.tally.query.live.LiveHub;
import io.tally.query.live.LiveOptions;
import io.tally.query.live.LiveTokens;
import io.tally.query.live.OrderChangeListener;
import io.tally.query.orders.OrderQueries;
import io.tally.query.orders.OrderRoutes;
import io.tally.query.orders.TenantReads;
import io.tally.service.Settings;
import io.tally.service.auth.AccessAudit;
import io.tally.service.auth.TokenVerification;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.health.DependencyChecks;
import io.tally.service.http.Problem;
import io.tally.service.http.ServiceRouter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The query side's HTTP edge: tenant-scoped REST over Postgres and ClickHouse, the live WebSocket fed by
 * Postgres NOTIFY, the projections admin API by proxy, and the dashboard. One instance per process: the live hub
 * keeps its sockets and its one LISTEN connection on this verticle's event loop.
 */
public final class QueryHttpVerticle extends VerticleBase {
  public static final String PORT = QuerySettings.PORT;

  private final Settings raw;
  private final PrometheusMeterRegistry registry;
  private Pool pg;
  private ClickHouseHttp ch;
  private LiveHub hub;
  private OrderChangeListener listener;
  private Optional<LakeHistory> lake = Optional.empty();

  public QueryHttpVerticle(Settings settings, PrometheusMeterRegistry registry) {
    this.raw = settings;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    QuerySettings s = QuerySettings.from(raw);
    pg = PgBuilder.pool().with(new PoolOptions().setMaxSize(8))
        .connectingTo(s.endpoints().postgres().setCachePreparedStatements(true)).using(vertx).build();
    URI chUrl = URI.create(s.endpoints().clickHouseUrl());
    ch = ClickHouseHttp.create(vertx, chUrl.getHost(), chUrl.getPort() < 0 ? 8123 : chUrl.getPort(),
        s.endpoints().clickHouseDatabase()).withTimeout(Duration.ofSeconds(10));
    OrderQueries orders = new OrderQueries(new TenantReads(pg, s.readerRole()));
    Analytics analytics = new Analytics(ch);
    AccessAudit audit = new AccessAudit(registry);
    hub = new LiveHub(vertx, orders, analytics, Clock.systemUTC(), LiveOptions.from(s), registry);
    listener = new OrderChangeListener(vertx, s.endpoints().postgres(), hub);
    lake = s.lake().map(settings -> LakeHistory.open(vertx, settings, s.lakeWorkers()));

    ServiceRouter http = ServiceRouter.create(vertx, registry);
    http.health().register("postgres", 3000, DependencyChecks.postgres(pg));
    http.health().register("clickhouse", 3000,
        DependencyChecks.clickHouse(WebClient.create(vertx), s.endpoints().clickHouseUrl()));
    http.health().register("live-listen", 1000, p -> p.complete(listener.listening() ? Status.OK() : Status.KO()));
    return TokenVerification.fromSettings(vertx, raw).compose(tokens -> {
      QueryApi.mount(vertx, http.router(), tokens, audit, new OrderRoutes(orders),
          new AnalyticsRoutes(analytics, Clock.systemUTC()), new HistoryRoutes(lake),
          new LiveEndpoint(vertx, hub, s.liveQueueBytes()),
          new AdminProxy(WebClient.create(vertx), s.projectionsUrl(), audit), s.devTokensFile().map(Path::of));
      http.router().route().last().handler(ctx ->
          Problem.of(404, "not-found", "no route " + ctx.request().path()).send(ctx));
      hub.start();
      return listener.start();
    }).compose(v -> vertx.createHttpServer(serverOptions(s)).requestHandler(http.router()).listen(s.port(), "0.0.0.0"));
  }

  /** The browser's WebSocket offers "bearer, <jwt>"; the server must answer with "bearer" or Chrome drops it. */
  private static HttpServerOptions serverOptions(QuerySettings s) {
    HttpServerOptions options = new HttpServerOptions().setWebSocketSubProtocols(List.of(LiveTokens.SUBPROTOCOL));
    if (s.sendBufferBytes() > 0) {
      options.setSendBufferSize(s.sendBufferBytes());
    }
    return options;
  }

  @Override
  public Future<?> stop() {
    if (hub != null) {
      hub.stop();
    }
    return (listener == null ? Future.succeededFuture() : listener.stop())
        .eventually(() -> pg == null ? Future.succeededFuture() : pg.close())
        .eventually(() -> lake.map(LakeHistory::close).orElse(Future.succeededFuture()))
        .eventually(() -> {
          if (ch != null) {
            ch.close();
          }
          return Future.succeededFuture();
        });
  }
}
