package io.tally.service.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The operational routes every service answers: /health (200 when every dependency check passes, 503 with the
 * failing check named otherwise) and /metrics (Prometheus text).
 */
public final class OpsRoutes {
  private OpsRoutes() {}

  public static HealthCheckHandler mount(Vertx vertx, Router router, PrometheusMeterRegistry registry) {
    HealthCheckHandler health = HealthCheckHandler.create(vertx);
    router.get("/health").handler(health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    return health;
  }
}
