package io.tally.projection.admin;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.platform.FreePorts;
import io.tally.projection.ProjectionsAdminVerticle;
import io.tally.projection.testkit.AdminHttp;
import io.tally.projection.testkit.Await;
import io.tally.projection.testkit.EventLog;
import io.tally.projection.testkit.OrderFlows;
import io.tally.service.Settings;
import io.tally.service.auth.Tokens;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The projections admin API over HTTP, with the whole process's verticle on real servers. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, ClickHouseExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiTest {
  private static final String SECRET = "admin-api-test-secret-admin-api-test-0123";
  private static Vertx vertx;
  private static EventLog log;
  private static int port;
  private static AdminHttp http;
  private static String platform;
  private static String acmeAdmin;
  private static String acmeViewer;

  @BeforeAll
  static void start(TestKafka kafka, TestPostgres postgres, TestClickHouse clickHouse) {
    vertx = Vertx.vertx();
    log = new EventLog(kafka, 3);
    log.append(new OrderFlows(51).mixed(List.of("acme", "globex"), 300, "o-", Instant.now()));
    port = FreePorts.next();
    http = new AdminHttp(port);
    Map<String, String> env = new HashMap<>();
    env.put("TALLY_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    env.put("TALLY_PG_HOST", postgres.host());
    env.put("TALLY_PG_PORT", Integer.toString(postgres.port()));
    env.put("TALLY_PG_DATABASE", postgres.newDatabase());
    env.put("TALLY_PG_USER", postgres.user());
    env.put("TALLY_PG_PASSWORD", postgres.password());
    env.put("TALLY_CLICKHOUSE_URL", clickHouse.httpUrl());
    env.put("TALLY_CLICKHOUSE_DATABASE", clickHouse.newDatabase());
    env.put("TALLY_JWT_SECRET", SECRET);
    env.put("TALLY_TOPIC_PREFIX", log.prefix());
    env.put("TALLY_PROJECTIONS_PORT", Integer.toString(port));
    env.put("TALLY_PROJECTIONS_INSTANCE_ID", "none");
    // Slow replays, so a second request arrives while the first is still running.
    env.put("TALLY_PROJECTION_PG_ORDERS_REPLAY_MAX_RATE", "150");
    env.put("TALLY_PROJECTION_PG_ORDERS_BATCH_MAX_EVENTS", "100");
    await(vertx.deployVerticle(new ProjectionsAdminVerticle(new Settings(env),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))));
    Tokens tokens = Tokens.hs256(vertx, SECRET);
    platform = tokens.issue("ops", null, List.of("platform-admin"), 600);
    acmeAdmin = tokens.issue("alice", "acme", List.of("admin"), 600);
    acmeViewer = tokens.issue("victor", "acme", List.of("viewer"), 600);
    Await.until(Duration.ofMinutes(1), () -> call("GET", "/v1/admin/projections", platform).json()
        .getJsonArray("projections").stream().map(JsonObject.class::cast)
        .allMatch(p -> p.getLong("processed") > 0 && p.getLong("lagEvents") == 0), () -> "not caught up");
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
    log.close();
  }

  @Test
  @Order(1)
  void everyAdminRouteNeedsAValidTokenAndStatusNeedsAnAdminRole() {
    assertThat(call("GET", "/v1/admin/projections", null).status()).isEqualTo(401);
    assertThat(call("GET", "/v1/admin/projections", "forged.token.value").status()).isEqualTo(401);
    assertThat(call("GET", "/health", null).status()).isEqualTo(200);
    AdminHttp.Reply viewer = call("GET", "/v1/admin/projections", acmeViewer);
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(viewer.json().getString("type")).endsWith("/forbidden");
    JsonObject all = call("GET", "/v1/admin/projections", acmeAdmin).json();
    assertThat(all.getJsonArray("projections")).hasSize(2);
    JsonObject pg = call("GET", "/v1/admin/projections/pg-orders", platform).json();
    assertThat(pg.getString("state")).isEqualTo("running");
    assertThat(pg.getJsonArray("partitions")).hasSize(3);
    assertThat(pg.getJsonObject("sink").getString("store")).isEqualTo("postgres");
    assertThat(pg.getJsonArray("partitions").getJsonObject(0).fieldNames())
        .contains("position", "endOffset", "lagEvents", "lagSeconds", "paused");
    assertThat(call("GET", "/v1/admin/projections/nope", platform).status()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void oneReplayPerProjectionAtATimeWithProgressVisible() {
    AdminHttp.Reply started = call("POST", "/v1/admin/projections/pg-orders/replay", platform);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json().getString("scope")).isEqualTo("all tenants");
    AdminHttp.Reply second = call("POST", "/v1/admin/projections/pg-orders/replay", platform);
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().getString("type")).endsWith("/replay-running");
    Await.until(Duration.ofSeconds(30), () -> call("GET", "/v1/admin/projections/pg-orders", platform).json()
        .getJsonObject("replay").getLong("done") > 0, () -> "no progress");
    JsonObject replay = call("GET", "/v1/admin/projections/pg-orders", platform).json().getJsonObject("replay");
    assertThat(replay.fieldNames()).contains("phase", "done", "total", "percent", "ratePerSecond", "etaSeconds");
    assertThat(replay.getLong("total")).isGreaterThanOrEqualTo(replay.getLong("done"));
    assertThat(call("GET", "/v1/admin/projections/pg-orders", platform).json().getString("state")).isEqualTo("replaying");
    Await.until(Duration.ofMinutes(2), () -> call("GET", "/v1/admin/projections/pg-orders", platform).json()
        .getJsonObject("replay").getString("phase").equals("done"), () -> "replay did not finish");
    assertThat(call("POST", "/v1/admin/projections/pg-orders/replay?tenant=acme", platform).status())
        .as("a new replay may start once the last one is done").isEqualTo(202);
  }

  @Test
  @Order(3)
  void tenantAdminsReplayAndAuditOnlyTheirOwnTenant() {
    assertThat(call("POST", "/v1/admin/projections/ch-analytics/replay?tenant=globex", acmeAdmin).status())
        .isEqualTo(403);
    assertThat(call("POST", "/v1/admin/projections/ch-analytics/replay", acmeViewer).status()).isEqualTo(403);
    AdminHttp.Reply own = call("POST", "/v1/admin/projections/ch-analytics/replay?tenant=acme", acmeAdmin);
    assertThat(own.status()).isEqualTo(202);
    assertThat(own.json().getString("scope")).isEqualTo("tenant acme");
    for (String name : List.of("pg-orders", "ch-analytics")) {
      Await.until(Duration.ofMinutes(2), () -> !List.of("preparing", "rebuilding", "swapping").contains(call("GET",
          "/v1/admin/projections/" + name, platform).json().getJsonObject("replay").getString("phase")), () -> name);
    }
    assertThat(call("GET", "/v1/admin/audit?tenant=globex", acmeAdmin).status()).isEqualTo(403);
    JsonObject acme = call("GET", "/v1/admin/audit", acmeAdmin).json();
    assertThat(acme.getString("tenant")).isEqualTo("acme");
    assertThat(acme.getJsonArray("stores").getJsonObject(0).getJsonArray("tenants").stream()
        .map(t -> ((JsonObject) t).getString("tenant")).distinct().toList()).containsExactly("acme");
    JsonObject everything = call("GET", "/v1/admin/audit", platform).json();
    assertThat(everything.getBoolean("clean")).as(everything.encodePrettily()).isTrue();
  }

  @Test
  @Order(4)
  void deadLettersAreListedPerTenantAndRedriveKeepsWhatStillFails() {
    log.appendRaw(0, "acme/bad-1", "nope".getBytes(StandardCharsets.UTF_8), Map.of());
    log.appendRaw(1, "globex/bad-2", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    Await.until(Duration.ofSeconds(30), () -> call("GET", "/v1/admin/dead-letters", platform).json()
        .getInteger("pending") == 4, () -> call("GET", "/v1/admin/dead-letters", platform).body());
    JsonObject acme = call("GET", "/v1/admin/dead-letters", acmeAdmin).json();
    assertThat(acme.getInteger("pending")).isEqualTo(2);
    assertThat(acme.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("tenant")))
        .containsOnly("acme");
    JsonObject pg = call("GET", "/v1/admin/dead-letters?projection=pg-orders&limit=1", platform).json();
    assertThat(pg.getInteger("pending")).isEqualTo(2);
    assertThat(pg.getInteger("listed")).isEqualTo(1);
    JsonObject entry = pg.getJsonArray("entries").getJsonObject(0);
    assertThat(entry.getString("reason")).isEqualTo("unparseable");
    assertThat(entry.getJsonObject("source").getString("topic")).isEqualTo(log.events());
    assertThat(call("POST", "/v1/admin/dead-letters/redrive", platform).status()).isEqualTo(400);
    assertThat(call("POST", "/v1/admin/dead-letters/redrive?projection=pg-orders", acmeViewer).status()).isEqualTo(403);
    JsonObject redrive = call("POST", "/v1/admin/dead-letters/redrive?projection=pg-orders", platform).json();
    assertThat(redrive.getInteger("redrivenCount")).isZero();
    assertThat(redrive.getInteger("stillPoisonCount")).isEqualTo(2);
    assertThat(call("GET", "/v1/admin/dead-letters", platform).json().getInteger("pending")).isEqualTo(4);
  }

  @Test
  @Order(5)
  void metricsCarryTheSuccessRatioLagBatchesAndLatency() {
    String metrics = call("GET", "/metrics", null).body();
    assertThat(metrics).contains("tally_projection_events_total{outcome=\"applied\",projection=\"pg-orders\"",
        "tally_projection_events_total{outcome=\"dead_lettered\",projection=\"ch-analytics\"",
        "tally_projection_lag_events{partition=\"0\",projection=\"pg-orders\"",
        "tally_projection_lag_seconds{", "tally_projection_batch_size_count{",
        "tally_projection_batch_duration_seconds_count{",
        "tally_projection_end_to_end_latency_seconds_bucket{");
  }

  @Test
  @Order(6)
  void anOperatorPauseHoldsTheProjectionUntilResumed() {
    assertThat(call("POST", "/v1/admin/projections/pg-orders/pause", acmeAdmin).status()).isEqualTo(403);
    assertThat(call("POST", "/v1/admin/projections/pg-orders/pause", platform).status()).isEqualTo(202);
    Await.until(Duration.ofSeconds(30), () -> state("pg-orders").equals("paused"), () -> state("pg-orders"));
    long before = call("GET", "/v1/admin/projections/pg-orders", platform).json().getLong("processed");
    log.append(new OrderFlows(52).order("acme", "while-paused", Instant.now()));
    Await.until(Duration.ofSeconds(30), () -> call("GET", "/v1/admin/projections/pg-orders", platform).json()
        .getLong("lagEvents") > 0, () -> "lag not seen");
    Await.sleep(1000);
    assertThat(call("GET", "/v1/admin/projections/pg-orders", platform).json().getLong("processed"))
        .as("nothing applied while paused").isEqualTo(before);
    assertThat(call("POST", "/v1/admin/projections/pg-orders/resume", platform).status()).isEqualTo(202);
    Await.until(Duration.ofSeconds(30), () -> state("pg-orders").equals("running") && call("GET",
        "/v1/admin/projections/pg-orders", platform).json().getLong("lagEvents") == 0, () -> state("pg-orders"));
  }

  private static String state(String projection) {
    return call("GET", "/v1/admin/projections/" + projection, platform).json().getString("state");
  }

  private static AdminHttp.Reply call(String method, String path, String token) {
    return http.call(method, path, token);
  }
}
