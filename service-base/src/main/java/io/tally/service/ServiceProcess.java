package io.tally.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service runs as its own OS process: one Vert.x with a Prometheus registry, one top verticle, and a
 * shutdown hook that undeploys it cleanly on SIGTERM, so a stop is graceful and a kill -9 is a real crash.
 */
public final class ServiceProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);

  private ServiceProcess() {}

  public static Vertx newVertx(PrometheusMeterRegistry registry) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** Starts the service's top verticle; exits the process with status 1 if it cannot start. */
  public static void run(String name, Function<PrometheusMeterRegistry, Deployable> topVerticle) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", name);
    Vertx vertx = newVertx(registry);
    Future<String> deployed = vertx.deployVerticle(topVerticle.apply(registry));
    deployed
        .onSuccess(id -> LOG.info("{} started", name))
        .onFailure(e -> {
          LOG.error("{} failed to start", name, e);
          vertx.close();
          System.exit(1);
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().await(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("{} did not stop cleanly: {}", name, e.toString());
      }
    }, "stop-" + name));
  }
}
