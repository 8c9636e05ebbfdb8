package io.tally.query.analytics;

import io.tally.query.http.Params;
import io.tally.query.http.Responses;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** GET /v1/tenants/{tenant}/stats and /revenue; access is checked before these run. */
public final class AnalyticsRoutes {
  private final Analytics analytics;
  private final Clock clock;

  public AnalyticsRoutes(Analytics analytics, Clock clock) {
    this.analytics = analytics;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/v1/tenants/:tenant/stats").handler(Responses.answering(ctx -> {
      Optional<Instant> from = Params.instant(ctx, "from");
      Optional<Instant> to = Params.instant(ctx, "to");
      Params.ordered(from, to);
      return analytics.stats(ctx.pathParam("tenant"), from, to);
    }));
    router.get("/v1/tenants/:tenant/revenue").handler(Responses.answering(ctx ->
        analytics.revenue(ctx.pathParam("tenant"), TimeWindow.from(ctx, clock))));
  }
}
