package io.tally.projection;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.projection.admin.AdminApi;
import io.tally.service.Settings;
import io.tally.service.auth.AccessAudit;
import io.tally.service.auth.Tokens;
import io.tally.service.health.DependencyChecks;
import io.tally.service.http.ServiceRouter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;

/**
 * The projections process: one runtime per enabled projection, and the admin HTTP edge (/health, /metrics and
 * /v1/admin/...). Stopping it stops running replays (their shadow tables are dropped) and then the runtimes,
 * each finishing the batch it has in the store.
 */
public final class ProjectionsAdminVerticle extends VerticleBase {
  public static final String PORT = "tally.projections.port";

  private final Settings settings;
  private final PrometheusMeterRegistry registry;
  private Stores stores;
  private Projections projections;

  public ProjectionsAdminVerticle(Settings settings, PrometheusMeterRegistry registry) {
    this.settings = settings;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    ProjectionSettings config = ProjectionSettings.from(settings);
    Tokens tokens = Tokens.hs256(vertx, settings.require(Tokens.SECRET_SETTING));
    stores = Stores.connect(vertx, config.endpoints());
    ServiceRouter http = ServiceRouter.create(vertx, registry);
    http.health().register("kafka", 3000, DependencyChecks.kafka(vertx, config.endpoints().kafkaBootstrap()));
    http.health().register("postgres", 3000, DependencyChecks.postgres(stores.postgres()));
    http.health().register("clickhouse", 3000,
        DependencyChecks.clickHouse(WebClient.create(vertx), config.endpoints().clickHouseUrl()));
    return Projections.deploy(vertx, config, stores, registry).compose(deployed -> {
      projections = deployed;
      AdminApi.mount(vertx, http.router(), deployed, tokens, new AccessAudit(registry));
      return http.listen(vertx, settings.getInt(PORT, 8082));
    });
  }

  @Override
  public Future<?> stop() {
    if (projections == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      projections.replays().stopAll();
      return null;
    });
  }
}
