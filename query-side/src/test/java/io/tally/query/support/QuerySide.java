package io.tally.query.support;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.platform.FreePorts;
import io.tally.query.QueryHttpVerticle;
import io.tally.service.ServiceProcess;
import io.tally.service.Settings;
import io.tally.service.auth.Tokens;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The query side in this JVM on its own Vert.x (as its own process would have), on a free port. */
public final class QuerySide implements AutoCloseable {
  public static final String SECRET = "query-side-test-secret-0123456789abcdef";

  public final Vertx vertx;
  public final int port;
  public final Http http;
  public final PrometheusMeterRegistry registry;
  private final Tokens tokens;

  private QuerySide(Vertx vertx, int port, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.port = port;
    this.registry = registry;
    this.tokens = Tokens.hs256(vertx, SECRET);
    this.http = new Http("http://127.0.0.1:" + port);
  }

  public static QuerySide start(Stores stores, Map<String, String> extra) {
    return startWith(stores.settings(), extra);
  }

  /** On stores given as their settings (TALLY_PG_*, …), with this class's token secret and a free port. */
  public static QuerySide startWith(Map<String, String> storeSettings, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(storeSettings);
    env.put("TALLY_JWT_SECRET", SECRET);
    env.put("TALLY_QUERY_PORT", Integer.toString(FreePorts.next()));
    env.putAll(extra);
    return start(env);
  }

  public static QuerySide start(Map<String, String> env) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = ServiceProcess.newVertx(registry);
    try {
      Await.result(vertx.deployVerticle(new QueryHttpVerticle(new Settings(env), registry)));
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    return new QuerySide(vertx, Integer.parseInt(env.get("TALLY_QUERY_PORT")), registry);
  }

  public String token(String tenant, String... roles) {
    return tokens.issue("test-" + (tenant == null ? "platform" : tenant), tenant, List.of(roles), 3600);
  }

  public String token(String tenant, int ttlSeconds, String... roles) {
    return tokens.issue("test-" + tenant, tenant, List.of(roles), ttlSeconds);
  }

  public String viewer(String tenant) {
    return token(tenant, "viewer");
  }

  public String platformAdmin() {
    return token(null, "platform-admin");
  }

  public String wsUrl(String tenant) {
    return "ws://127.0.0.1:" + port + "/v1/tenants/" + tenant + "/live";
  }

  @Override
  public void close() {
    Await.result(vertx.close());
  }
}
