package io.tally.projection.erasure;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.projection.testkit.AdminHttp;
import io.tally.projection.testkit.Await;
import io.tally.projection.testkit.EventLog;
import io.tally.projection.testkit.OrderFlows;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one platform-admin operation that erases a tenant: afterwards no Postgres table, no ClickHouse table and no
 * lake snapshot or S3 object holds a row of it, the catalog no longer has it, the other tenant is untouched, and
 * neither new records of it in the log nor a replay from offset 0 bring it back. All on real servers.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, ClickHouseExtension.class, S3Extension.class})
class TenantErasureTest {
  private final Vertx vertx = Vertx.vertx();
  private final OrderFlows flows = new OrderFlows(61);
  private ErasureStack stack;

  @AfterEach
  void stop() throws Exception {
    stack.close();
    await(vertx.close());
  }

  @Test
  void oneCallErasesATenantFromEveryStoreAndTheCatalogForGood(TestKafka kafka, TestPostgres pg, TestClickHouse ch,
                                                             TestS3 s3) throws Exception {
    EventLog log = new EventLog(kafka, 3);
    List<EventEnvelope> history = flows.mixed(List.of("acme", "globex"), 200, "o-", Instant.now());
    long acmeEvents = history.stream().filter(e -> e.tenant().equals("acme")).count();
    log.append(history);
    stack = ErasureStack.start(vertx, log, pg, ch, s3);
    AdminHttp api = stack.api;
    stack.awaitCaughtUp();
    Map<String, Long> globexBefore = stack.rowsOf("globex");
    assertThat(stack.rowsOf("acme")).allSatisfy((table, n) -> assertThat(n).as(table).isPositive());

    assertThat(api.call("DELETE", "/v1/admin/tenants/acme/data", stack.viewer).status()).isEqualTo(403);
    assertThat(api.call("DELETE", "/v1/admin/tenants/acme/data", stack.acmeAdmin).status()).isEqualTo(403);
    AdminHttp.Reply bad = api.call("DELETE", "/v1/admin/tenants/Not_A_Tenant/data", stack.platform);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("field")).isEqualTo("tenant");
    assertThat(api.call("GET", "/v1/admin/tenants/acme/data", stack.platform).status()).isEqualTo(404);

    AdminHttp.Reply erased = api.call("DELETE", "/v1/admin/tenants/acme/data", stack.platform);
    assertThat(erased.status()).as(erased.body()).isEqualTo(200);
    JsonObject report = erased.json();
    System.out.println("tenant erasure report: " + report.encode());
    assertThat(report.getJsonObject("postgres").getLong("order_events")).isEqualTo(acmeEvents);
    assertThat(report.getJsonObject("clickhouse").getJsonObject("tables").getLong("order_events"))
        .isEqualTo(acmeEvents);
    assertThat(report.getJsonObject("clickhouse").getJsonArray("mutations")).hasSize(3);
    assertThat(report.getJsonObject("lake").getString("status")).isEqualTo("done");
    assertThat(report.getJsonObject("lake").getJsonObject("tables").getLong("daily_revenue")).isEqualTo(2);
    assertThat(report.getBoolean("catalogRemoved")).isTrue();

    stack.assertErased("acme", globexBefore);
    assertThat(stack.catalog()).containsExactly("globex");
    assertThat(stack.lake.rowsInAnySnapshot("acme")).isZero();
    assertThat(stack.lake.rowsInAnySnapshot("globex")).isEqualTo(1);
    assertThat(stack.lake.objectKeys()).noneMatch(k -> k.contains("tenant=acme"))
        .anyMatch(k -> k.contains("tenant=globex"));
    assertThat(stack.lake.deletedTenants()).containsExactly("acme");
    assertThat(stack.lake.position()).as("the job's Kafka position is carried").contains(TwoTenantLake.POSITION);

    // The log still holds acme (until retention), and the decider may still write some: none comes back.
    log.append(flows.mixed(List.of("acme", "globex"), 40, "late-", Instant.now()));
    stack.awaitCaughtUp();
    Map<String, Long> globexAfter = stack.rowsOf("globex");
    assertThat(globexAfter.get("pg:order_events")).isGreaterThan(globexBefore.get("pg:order_events"));
    stack.assertErased("acme", globexAfter);
    for (String projection : List.of("pg-orders", "ch-analytics")) {
      assertThat(api.call("POST", "/v1/admin/projections/" + projection + "/replay", stack.platform).status())
          .isEqualTo(202);
      Await.until(Duration.ofMinutes(2), () -> api.call("GET", "/v1/admin/projections/" + projection, stack.platform)
          .json().getJsonObject("replay").getString("phase").equals("done"), () -> projection + " replay");
    }
    stack.assertErased("acme", globexAfter);
    assertThat(api.call("GET", "/v1/admin/audit", stack.platform).json().getBoolean("clean")).isTrue();

    AdminHttp.Reply again = api.call("DELETE", "/v1/admin/tenants/acme/data", stack.platform);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getJsonObject("postgres").getMap()).allSatisfy((t, n) -> assertThat(n).isEqualTo(0));
    assertThat(again.json().getJsonObject("clickhouse").getJsonArray("mutations")).isEmpty();
    assertThat(again.json().getJsonObject("lake").getLong("filesDeleted")).isZero();
    assertThat(again.json().getBoolean("catalogRemoved")).isFalse();
    JsonObject status = api.call("GET", "/v1/admin/tenants/acme/data", stack.platform).json();
    assertThat(status.getString("erasedAt")).isNotNull();
    assertThat(status.getJsonObject("lake").getString("status")).isEqualTo("done");
  }
}
