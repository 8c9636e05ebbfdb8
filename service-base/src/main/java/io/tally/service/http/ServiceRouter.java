package io.tally.service.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/** A service's router with what every service shares: ops routes, problem bodies for failures and for 404s. */
public record ServiceRouter(Router router, HealthCheckHandler health) {

  public static ServiceRouter create(Vertx vertx, PrometheusMeterRegistry registry) {
    Router router = Router.router(vertx);
    HealthCheckHandler health = OpsRoutes.mount(vertx, router, registry);
    router.route().failureHandler(new ProblemFailures());
    return new ServiceRouter(router, health);
  }

  /**
   * Call after the service's own routes. The router's own verdicts become problem bodies: an unknown path is a
   * 404, a known path with another method a 405 (a catch-all route would have turned that into a 404 too).
   */
  public Future<HttpServer> listen(Vertx vertx, int port) {
    router.errorHandler(404, ctx -> Problem.of(404, "not-found", "no route " + ctx.request().path()).send(ctx));
    router.errorHandler(405, ctx -> Problem.of(405, "method-not-allowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path()).send(ctx));
    return vertx.createHttpServer().requestHandler(router).listen(port, "0.0.0.0");
  }
}
