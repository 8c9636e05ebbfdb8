package io.tally.projection;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.service.Endpoints;
import io.tally.service.Settings;
import io.tally.service.health.DependencyChecks;
import io.tally.service.http.ServiceRouter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The projections' admin HTTP edge. */
public final class ProjectionsAdminVerticle extends VerticleBase {
  public static final String PORT = "tally.projections.port";

  private final Settings settings;
  private final PrometheusMeterRegistry registry;

  public ProjectionsAdminVerticle(Settings settings, PrometheusMeterRegistry registry) {
    this.settings = settings;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    Endpoints endpoints = Endpoints.from(settings);
    Pool pg = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(endpoints.postgres())
        .using(vertx).build();
    ServiceRouter http = ServiceRouter.create(vertx, registry);
    http.health().register("kafka", 3000, DependencyChecks.kafka(vertx, endpoints.kafkaBootstrap()));
    http.health().register("postgres", 3000, DependencyChecks.postgres(pg));
    http.health().register("clickhouse", 3000,
        DependencyChecks.clickHouse(WebClient.create(vertx), endpoints.clickHouseUrl()));
    return http.listen(vertx, settings.getInt(PORT, 8082));
  }
}
