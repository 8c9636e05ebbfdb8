package io.tally.command.it;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.command.CommandSideVerticle;
import io.tally.command.TopicNames;
import io.tally.platform.FreePorts;
import io.tally.service.ServiceProcess;
import io.tally.service.Settings;
import io.tally.service.auth.Tokens;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The whole command side in this JVM (HTTP, decider, recorder) against the test broker and Postgres, in topics of
 * its own prefix and a database of its own. Tenants acme and globex exist; tokens are minted with the secret.
 */
public final class CommandSide implements AutoCloseable {
  public static final String SECRET = "test-secret-test-secret-test-secret-0123";
  public final Vertx vertx;
  public final int port;
  public final TopicNames topics;
  public final Map<String, String> env;
  public final ApiClient api;
  private final Tokens tokens;

  private CommandSide(Vertx vertx, int port, TopicNames topics, Map<String, String> env) {
    this.vertx = vertx;
    this.port = port;
    this.topics = topics;
    this.env = env;
    this.tokens = Tokens.hs256(vertx, SECRET);
    this.api = new ApiClient("http://127.0.0.1:" + port);
  }

  /** Settings for a command side on fresh topics and a fresh database; extra entries override. */
  public static Map<String, String> settings(TestKafka kafka, TestPostgres pg, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("TALLY_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    env.put("TALLY_PG_HOST", pg.host());
    env.put("TALLY_PG_PORT", Integer.toString(pg.port()));
    env.put("TALLY_PG_DATABASE", pg.newDatabase());
    env.put("TALLY_PG_USER", pg.user());
    env.put("TALLY_PG_PASSWORD", pg.password());
    env.put("TALLY_JWT_SECRET", SECRET);
    env.put("TALLY_COMMAND_PORT", Integer.toString(FreePorts.next()));
    env.put("TALLY_TOPIC_PREFIX", "t" + UUID.randomUUID().toString().substring(0, 8) + ".");
    env.put("TALLY_TOPICS_PARTITIONS", "3");
    env.put("TALLY_TENANTS_SEED", "acme,globex");
    env.put("TALLY_TENANTS_DEFAULT_RATE", "100000");
    env.put("TALLY_DECIDER_INSTANCE_ID", "it-" + UUID.randomUUID().toString().substring(0, 6));
    env.putAll(extra);
    return env;
  }

  public static CommandSide start(TestKafka kafka, TestPostgres pg) {
    return start(settings(kafka, pg, Map.of()));
  }

  public static CommandSide start(Map<String, String> env) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = ServiceProcess.newVertx(registry);
    try {
      vertx.deployVerticle(new CommandSideVerticle(new Settings(env), registry))
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("command side did not start", e);
    }
    return new CommandSide(vertx, Integer.parseInt(env.get("TALLY_COMMAND_PORT")),
        new TopicNames(env.get("TALLY_TOPIC_PREFIX")), env);
  }

  public String token(String tenant, String... roles) {
    return tokens.issue("test-" + (tenant == null ? "platform" : tenant), tenant, List.of(roles), 3600);
  }

  public String writer(String tenant) {
    return token(tenant, "writer");
  }

  public String platformAdmin() {
    return token(null, "platform-admin");
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("command side did not stop", e);
    }
  }
}
