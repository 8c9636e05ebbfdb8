package io.tally.command.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * HTTP latency histograms by route name (never the raw path, which carries ids), method and status: the
 * source of the p50/p99 SLIs. Installed first on the router so it times the whole chain, auth included.
 */
final class HttpMetrics implements Handler<RoutingContext> {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long t0 = System.nanoTime();
    ctx.addEndHandler(done -> {
      String route = ctx.get(RequestGuards.ROUTE, "other");
      String method = ctx.request().method().name();
      int status = ctx.response().getStatusCode();
      timer(route, method, status).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    });
    ctx.next();
  }

  private Timer timer(String route, String method, int status) {
    return timers.computeIfAbsent(route + ' ' + method + ' ' + status, k -> Timer.builder("tally_http_request_seconds")
        .description("HTTP requests of the command API, from first handler to response end")
        .tags("route", route, "method", method, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry));
  }
}
