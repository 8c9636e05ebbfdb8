package io.tally.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The command API end to end on the real broker and Postgres: the answers a client relies on. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class CommandApiTest {
  private static CommandSide side;
  private static final String ACME = "/v1/tenants/acme/commands";

  @BeforeAll
  static void start(TestKafka kafka, TestPostgres pg) {
    side = CommandSide.start(kafka, pg);
  }

  @AfterAll
  static void stop() {
    side.close();
  }

  @Test
  void anAcceptedCommandAnswers201WithTheEventsItAppended(TestKafka kafka) {
    ApiClient.Answer placed = side.api.postJson(ACME, side.writer("acme"), Commands.place("c-a1", "o-a1", "12.5")
        .encode());
    assertThat(placed.status()).isEqualTo(201);
    JsonObject body = placed.json();
    assertThat(body.getString("outcome")).isEqualTo("accepted");
    assertThat(body.getLong("version")).isEqualTo(1);
    JsonArray events = body.getJsonArray("events");
    assertThat(events).hasSize(1);
    JsonObject event = events.getJsonObject(0);
    assertThat(event.getString("type")).isEqualTo("OrderPlaced");
    assertThat(event.getLong("sequence")).isEqualTo(1);
    assertThat(placed.header("Location")).isEqualTo("/v1/tenants/acme/commands/c-a1");

    List<EventEnvelope> log = LogReader.events(kafka, side.topics.events());
    EventEnvelope written = log.stream().filter(e -> e.eventId().equals(event.getString("eventId"))).findFirst()
        .orElseThrow();
    assertThat(written.commandId()).isEqualTo("c-a1");
    assertThat(written.payload().get("amount").asText()).isEqualTo("12.50");
  }

  @Test
  void aRefusedCommandAnswers409NamingTheRuleAndAppendsNothing(TestKafka kafka) {
    side.api.postJson(ACME, side.writer("acme"), Commands.place("c-b1", "o-b1", "10").encode());
    long before = LogReader.endOffsetSum(kafka, side.topics.events());
    ApiClient.Answer again = side.api.postJson(ACME, side.writer("acme"), Commands.place("c-b2", "o-b1", "10")
        .encode());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("content-type")).isEqualTo("application/problem+json");
    assertThat(again.json().getString("rule")).isEqualTo("order.already-exists");
    ApiClient.Answer stale = side.api.postJson(ACME, side.writer("acme"),
        Commands.pay("c-b3", "o-b1", "10").put("expectedVersion", 0).encode());
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().getString("rule")).isEqualTo("expected-version.mismatch");
    assertThat(stale.json().getLong("version")).isEqualTo(1);
    assertThat(LogReader.endOffsetSum(kafka, side.topics.events())).isEqualTo(before);
  }

  @Test
  void aRepeatedCommandIdReturnsTheFirstOutcomeAndAppendsNothing(TestKafka kafka) {
    String body = Commands.place("c-c1", "o-c1", "7").encode();
    ApiClient.Answer first = side.api.postJson(ACME, side.writer("acme"), body);
    long before = LogReader.endOffsetSum(kafka, side.topics.events());
    ApiClient.Answer second = side.api.postJson(ACME, side.writer("acme"), body);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.json().getJsonArray("events")).isEqualTo(first.json().getJsonArray("events"));
    assertThat(LogReader.endOffsetSum(kafka, side.topics.events())).isEqualTo(before);

    ApiClient.Answer viaHeader = side.api.postJson(ACME, side.writer("acme"),
        Commands.place(null, "o-c1", "7").encode().replace("\"commandId\":null,", ""), "Idempotency-Key", "c-c1");
    assertThat(viaHeader.status()).isEqualTo(201);
    assertThat(viaHeader.json().getJsonArray("events")).isEqualTo(first.json().getJsonArray("events"));

    ApiClient.Answer otherBody = side.api.postJson(ACME, side.writer("acme"), Commands.place("c-c1", "o-c1", "8")
        .encode());
    assertThat(otherBody.status()).isEqualTo(422);
    assertThat(otherBody.json().getString("field")).isEqualTo("commandId");
  }

  @Test
  void respondAsyncAnswers202ThenTheOutcomeCanBeFetched() throws Exception {
    ApiClient.Answer accepted = side.api.postJson(ACME, side.writer("acme"), Commands.place("c-d1", "o-d1", "3")
        .encode(), "Prefer", "respond-async");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.header("Location")).isEqualTo("/v1/tenants/acme/commands/c-d1");
    assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
    ApiClient.Answer fetched = poll("/v1/tenants/acme/commands/c-d1", side.token("acme", "viewer"));
    assertThat(fetched.json().getString("outcome")).isEqualTo("accepted");
    assertThat(fetched.json().getJsonArray("events")).hasSize(1);
  }

  @Test
  void aRejectedCommandCanBeFetchedLaterWithItsRule() throws Exception {
    side.api.postJson(ACME, side.writer("acme"), Commands.ship("c-e1", "o-never-placed").encode());
    ApiClient.Answer fetched = poll("/v1/tenants/acme/commands/c-e1", side.writer("acme"));
    assertThat(fetched.json().getString("outcome")).isEqualTo("rejected");
    assertThat(fetched.json().getString("rule")).isEqualTo("order.not-found");
    ApiClient.Answer otherTenant = side.api.get("/v1/tenants/globex/commands/c-e1", side.writer("globex"));
    assertThat(otherTenant.status()).isEqualTo(404);
  }

  @Test
  void aBatchAnswersEveryItemInOrder() {
    JsonObject batch = new JsonObject().put("commands", new JsonArray()
        .add(Commands.place("c-f1", "o-f1", "20"))
        .add(Commands.pay("c-f2", "o-f1", "20"))
        .add(new JsonObject().put("type", "PayOrder").put("orderId", "o-f1"))
        .add(Commands.place("c-f3", "o-f1", "20")));
    ApiClient.Answer answer = side.api.postJson(ACME + ":batch", side.writer("acme"), batch.encode());
    assertThat(answer.status()).isEqualTo(200);
    JsonArray results = answer.json().getJsonArray("results");
    assertThat(results.stream().map(r -> ((JsonObject) r).getInteger("status")).toList())
        .containsExactly(201, 201, 422, 409);
    assertThat(results.getJsonObject(1).getJsonObject("outcome").getLong("version")).isEqualTo(2);
    assertThat(results.getJsonObject(2).getJsonObject("problem").getString("field")).isEqualTo("commands[2].amount");
    assertThat(results.getJsonObject(3).getJsonObject("problem").getString("rule")).isEqualTo("order.already-exists");
  }

  private static ApiClient.Answer poll(String path, String token) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      ApiClient.Answer a = side.api.get(path, token);
      if (a.status() == 200 || System.nanoTime() > deadline) {
        assertThat(a.status()).isEqualTo(200);
        return a;
      }
      Thread.sleep(100);
    }
  }
}
