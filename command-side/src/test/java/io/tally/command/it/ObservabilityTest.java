package io.tally.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What operators and client authors read: /metrics, /health and the served OpenAPI document. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class ObservabilityTest {
  private static CommandSide side;

  @BeforeAll
  static void start(TestKafka kafka, TestPostgres pg) {
    side = CommandSide.start(kafka, pg);
  }

  @AfterAll
  static void stop() {
    side.close();
  }

  @Test
  void metricsCountCommandsByTenantTypeAndOutcomeAndTimeHttpAndTheDecider() {
    String w = side.writer("acme");
    side.api.postJson("/v1/tenants/acme/commands", w, Commands.place("m-1", "m-o1", "9").encode());
    side.api.postJson("/v1/tenants/acme/commands", w, Commands.place("m-2", "m-o1", "9").encode());
    side.api.postJson("/v1/tenants/acme/commands", w, "{\"type\":\"PlaceOrder\"}");
    String metrics = side.api.get("/metrics", null).raw().body();
    assertThat(metrics)
        .contains("tally_commands_total{outcome=\"accepted\",tenant=\"acme\",type=\"PlaceOrder\"} 1.0")
        .contains("tally_commands_total{outcome=\"rejected\",tenant=\"acme\",type=\"PlaceOrder\"} 1.0")
        .contains("tally_commands_total{outcome=\"invalid\",tenant=\"acme\",type=\"unknown\"} 1.0")
        .contains("tally_http_request_seconds_bucket{method=\"POST\",route=\"submit-command\"")
        .contains("tally_decider_transaction_seconds_bucket")
        .contains("tally_decider_commands_total{outcome=\"accepted\",tenant=\"acme\",type=\"PlaceOrder\"")
        .contains("tally_decider_rebuild_seconds_count")
        .contains("tally_decider_owned_partitions{loop=\"0\"");
  }

  @Test
  void healthNamesEveryDependencyAndTheDeciderLoops() {
    JsonObject health = side.api.get("/health", null).json();
    assertThat(health.getString("outcome")).isEqualTo("UP");
    assertThat(health.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
        .containsExactlyInAnyOrder("kafka", "postgres", "outcome-feed", "outcome-recorder", "decider");
  }

  @Test
  void theServedOpenApiDocumentDescribesEveryRouteItServes() {
    ApiClient.Answer doc = side.api.get("/openapi.json", null);
    assertThat(doc.status()).isEqualTo(200);
    JsonObject openapi = doc.json();
    assertThat(openapi.getString("openapi")).isEqualTo("3.1.0");
    assertThat(openapi.getJsonObject("components").getJsonObject("schemas").fieldNames())
        .contains("PlaceOrder", "PayOrder", "ShipOrder", "CancelOrder", "RefundOrder");
    JsonObject paths = openapi.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        String concrete = path.replace("{tenant}", "acme").replace("{commandId}", "x-1");
        ApiClient.Answer answer = side.api.send(side.api.request(concrete, side.platformAdmin())
            .header("Content-Type", "application/json")
            .method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(answer.raw().body()).as(method + " " + path).doesNotContain("no route");
        assertThat(answer.status()).as(method + " " + path).isNotEqualTo(405);
      }
    }
    assertThat(paths.fieldNames()).contains("/v1/tenants/{tenant}/commands",
        "/v1/tenants/{tenant}/commands:batch", "/v1/tenants/{tenant}/commands/{commandId}", "/v1/admin/tenants",
        "/v1/admin/tenants/{tenant}");
  }
}
