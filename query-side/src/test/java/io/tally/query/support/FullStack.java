package io.tally.query.support;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.command.CommandSideVerticle;
import io.tally.events.Topics;
import io.tally.platform.FreePorts;
import io.tally.projection.ProjectionsAdminVerticle;
import io.tally.service.ServiceProcess;
import io.tally.service.Settings;
import io.tally.service.auth.Tokens;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The whole path of a command in this JVM, each service on its own Vert.x as its own process would be: the real
 * command side (HTTP, decider, Kafka transactions), the real projections (pg-orders, ch-analytics, admin API) and
 * the query side, over the test broker, Postgres and ClickHouse, in topics and databases of their own. Tenants
 * acme and globex exist; dev tokens are written where the launcher would write them.
 */
public final class FullStack implements AutoCloseable {
  public static final String SECRET = QuerySide.SECRET;

  public final QuerySide query;
  public final Http commands;
  public final Http projections;
  public final Path devTokens;
  private final List<Vertx> services;
  private final Tokens tokens;
  private final Vertx tokenVertx = Vertx.vertx();
  private final AtomicInteger commandIds = new AtomicInteger();

  private FullStack(QuerySide query, int commandPort, int projectionsPort, Path devTokens, List<Vertx> services) {
    this.query = query;
    this.commands = new Http("http://127.0.0.1:" + commandPort);
    this.projections = new Http("http://127.0.0.1:" + projectionsPort);
    this.devTokens = devTokens;
    this.services = services;
    this.tokens = Tokens.hs256(tokenVertx, SECRET);
  }

  public static FullStack start(TestKafka kafka, TestPostgres pg, TestClickHouse ch, Map<String, String> extra) {
    String prefix = "q" + UUID.randomUUID().toString().substring(0, 8) + ".";
    kafka.broker().createTopics(Map.of(prefix + Topics.COMMANDS, 3, prefix + Topics.EVENTS, 3,
        prefix + Topics.COMMAND_RESULTS, 3, prefix + Topics.EVENTS_DLQ, 3));
    Map<String, String> env = new HashMap<>();
    env.put("TALLY_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    env.put("TALLY_PG_HOST", pg.host());
    env.put("TALLY_PG_PORT", Integer.toString(pg.port()));
    env.put("TALLY_PG_DATABASE", pg.newDatabase());
    env.put("TALLY_PG_USER", pg.user());
    env.put("TALLY_PG_PASSWORD", pg.password());
    env.put("TALLY_CLICKHOUSE_URL", ch.httpUrl());
    env.put("TALLY_CLICKHOUSE_DATABASE", ch.newDatabase());
    env.put("TALLY_JWT_SECRET", SECRET);
    env.put("TALLY_TOPIC_PREFIX", prefix);
    env.put("TALLY_TOPICS_PARTITIONS", "3");
    env.put("TALLY_TENANTS_SEED", "acme,globex");
    env.put("TALLY_TENANTS_DEFAULT_RATE", "100000");
    env.put("TALLY_DECIDER_INSTANCE_ID", "q-" + UUID.randomUUID().toString().substring(0, 6));
    int commandPort = FreePorts.next();
    int projectionsPort = FreePorts.next();
    int queryPort = FreePorts.next();
    env.put("TALLY_COMMAND_PORT", Integer.toString(commandPort));
    env.put("TALLY_PROJECTIONS_PORT", Integer.toString(projectionsPort));
    env.put("TALLY_QUERY_PORT", Integer.toString(queryPort));
    env.put("TALLY_PROJECTIONS_URL", "http://127.0.0.1:" + projectionsPort);
    Path devTokens = writeDevTokens();
    env.put("TALLY_DEV_TOKENS_FILE", devTokens.toString());
    env.putAll(extra);
    Settings settings = new Settings(env);
    Vertx commandSide = service(registry -> new CommandSideVerticle(settings, registry));
    Vertx projections = service(registry -> new ProjectionsAdminVerticle(settings, registry));
    // The query side reads a lake the job has not run on yet: its catalog in this database, no table, so S3 (a
    // port nothing listens on) is never asked and history reads answer an empty 200, the isolation matrix's
    // control. Only the query side: the other services keep the settings they were tested with.
    Map<String, String> queryEnv = new HashMap<>(env);
    queryEnv.put("TALLY_LAKE_BUCKET", "tally-lake");
    queryEnv.put("TALLY_S3_ENDPOINT", "http://127.0.0.1:" + FreePorts.next());
    QuerySide query = QuerySide.start(queryEnv);
    FullStack stack = new FullStack(query, commandPort, projectionsPort, devTokens, List.of(commandSide, projections));
    stack.awaitDecider();
    return stack;
  }

  /** Posts a command as the tenant's writer; returns the answer (201 once decided). */
  public Http.Answer post(String tenant, JsonObject command) {
    if (!command.containsKey("commandId")) {
      command.put("commandId", "cmd-" + UUID.randomUUID());
    }
    return commands.post("/v1/tenants/" + tenant + "/commands", writer(tenant), command.encode());
  }

  public static JsonObject place(String orderId, String amount) {
    return new JsonObject().put("type", "PlaceOrder").put("orderId", orderId).put("customerId", "c-1")
        .put("amount", amount).put("currency", "EUR");
  }

  public static JsonObject pay(String orderId, String amount) {
    return new JsonObject().put("type", "PayOrder").put("orderId", orderId).put("amount", amount);
  }

  public String writer(String tenant) {
    return tokens.issue(tenant + "-writer-" + commandIds.incrementAndGet(), tenant, List.of("writer"), 3600);
  }

  public String token(String tenant, String... roles) {
    return tokens.issue("test-" + tenant, tenant, List.of(roles), 3600);
  }

  @Override
  public void close() {
    query.close();
    for (Vertx service : services) {
      Await.result(service.close());
    }
    Await.result(tokenVertx.close());
  }

  /** The decider takes its partitions a few seconds after start; until then commands answer 202. */
  private void awaitDecider() {
    Await.until("the command side decides commands", Duration.ofSeconds(90),
        () -> post("acme", place("warm-up-" + UUID.randomUUID(), "1.00")).status() == 201);
  }

  private static Vertx service(Function<PrometheusMeterRegistry, Deployable> verticle) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = ServiceProcess.newVertx(registry);
    try {
      Await.result(vertx.deployVerticle(verticle.apply(registry)));
      return vertx;
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /** What the launcher's DevTokens writes: an admin and a viewer of each demo tenant, and a platform admin. */
  private static Path writeDevTokens() {
    Vertx vertx = Vertx.vertx();
    try {
      Tokens t = Tokens.hs256(vertx, SECRET);
      JsonArray list = new JsonArray();
      for (String tenant : List.of("acme", "globex")) {
        List<String> admin = List.of("admin", "writer", "analyst", "viewer");
        list.add(new JsonObject().put("subject", tenant + "-admin").put("tenant", tenant).put("roles", admin)
            .put("token", t.issue(tenant + "-admin", tenant, admin, 3600)));
        list.add(new JsonObject().put("subject", tenant + "-viewer").put("tenant", tenant)
            .put("roles", List.of("viewer")).put("token", t.issue(tenant + "-viewer", tenant, List.of("viewer"), 3600)));
      }
      list.add(new JsonObject().put("subject", "platform-admin").putNull("tenant").put("roles", List.of("platform-admin"))
          .put("token", t.issue("platform-admin", null, List.of("platform-admin"), 3600)));
      Path file = Files.createTempFile("tally-dev-tokens-", ".json");
      Files.writeString(file, new JsonObject().put("tokens", list).encodePrettily());
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      vertx.close();
    }
  }
}
