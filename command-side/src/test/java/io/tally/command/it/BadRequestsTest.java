package io.tally.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests of every kind, each answered with the right 4xx and a problem body naming the field where there
 * is one, and none of them appending anything to orders.commands or orders.events.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class BadRequestsTest {
  private static final String ACME = "/v1/tenants/acme/commands";
  private static CommandSide side;
  private static HostileTokens hostile;
  private static TestKafka broker;

  /** One row: what is sent, and the status, problem type and field expected back. */
  record Case(String name, Function<CommandSide, HttpRequest> request, int status, String field) {
    @Override
    public String toString() {
      return name + " -> " + status;
    }
  }

  @BeforeAll
  static void start(TestKafka kafka, TestPostgres pg) {
    side = CommandSide.start(kafka, pg);
    hostile = new HostileTokens(side.vertx);
    broker = kafka;
  }

  @AfterAll
  static void stop() {
    side.close();
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    String place = Commands.place("bad-1", "o-bad", "10").encode();
    // authentication and authorization
    c.add(new Case("no token", s -> post(s, ACME, null, place), 401, null));
    c.add(new Case("basic auth instead of bearer", s -> s.api.request(ACME, null).header("Authorization",
        "Basic dXNlcjpwYXNz").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(place)).build(), 401, null));
    c.add(new Case("bearer garbage", s -> post(s, ACME, "not.a.jwt", place), 401, null));
    c.add(new Case("forged signature", s -> post(s, ACME, hostile.forged("acme"), place), 401, null));
    c.add(new Case("expired token", s -> post(s, ACME, hostile.expired("acme"), place), 401, null));
    c.add(new Case("alg none", s -> post(s, ACME, HostileTokens.unsigned("acme"), place), 401, null));
    c.add(new Case("another issuer", s -> post(s, ACME, hostile.otherIssuer("acme"), place), 401, null));
    c.add(new Case("another tenant's token", s -> post(s, ACME, s.writer("globex"), place), 403, null));
    c.add(new Case("viewer may not write", s -> post(s, ACME, s.token("acme", "viewer"), place), 403, null));
    c.add(new Case("token without tenant", s -> post(s, ACME, s.token(null, "writer"), place), 403, null));
    // tenant in the path
    c.add(new Case("upper-case tenant id", s -> post(s, "/v1/tenants/ACME/commands", s.writer("acme"), place), 400,
        "tenant"));
    c.add(new Case("injection in tenant id", s -> post(s, "/v1/tenants/acme'%20OR%20'1'='1/commands",
        s.writer("acme"), place), 400, "tenant"));
    c.add(new Case("too short tenant id", s -> post(s, "/v1/tenants/a/commands", s.writer("a"), place), 400,
        "tenant"));
    c.add(new Case("unknown tenant", s -> post(s, "/v1/tenants/nobody/commands", s.platformAdmin(), place), 404,
        null));
    // media type and size
    c.add(new Case("text/plain", s -> s.api.request(ACME, s.writer("acme")).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(place)).build(), 415, null));
    c.add(new Case("no content type", s -> s.api.request(ACME, s.writer("acme"))
        .POST(HttpRequest.BodyPublishers.ofString(place)).build(), 415, null));
    c.add(new Case("huge body", s -> post(s, ACME, s.writer("acme"), hugePlace()), 413, null));
    c.add(new Case("huge chunked body", s -> s.api.request(ACME, s.writer("acme"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(hugePlace().getBytes()))).build(), 413, null));
    c.add(new Case("batch of 1001", s -> post(s, ACME + ":batch", s.writer("acme"), batchOf(1001)), 413,
        "commands"));
    // not one JSON object
    c.add(new Case("malformed JSON", s -> post(s, ACME, s.writer("acme"), "{\"type\": \"PlaceOrder\","), 400, null));
    c.add(new Case("empty body", s -> post(s, ACME, s.writer("acme"), ""), 400, null));
    c.add(new Case("array body", s -> post(s, ACME, s.writer("acme"), "[" + place + "]"), 400, null));
    c.add(new Case("string body", s -> post(s, ACME, s.writer("acme"), "\"PlaceOrder\""), 400, null));
    c.add(new Case("duplicate keys", s -> post(s, ACME, s.writer("acme"),
        "{\"type\":\"ShipOrder\",\"type\":\"PlaceOrder\",\"orderId\":\"o1\"}"), 400, null));
    c.add(new Case("trailing garbage", s -> post(s, ACME, s.writer("acme"), place + " {}"), 400, null));
    c.add(new Case("absurd nesting", s -> post(s, ACME, s.writer("acme"), "[".repeat(5000) + "]".repeat(5000)),
        400, null));
    // valid JSON, invalid command
    c.add(field("unknown command type", b -> b.put("type", "DeleteOrder"), "type"));
    c.add(field("missing type", b -> remove(b, "type"), "type"));
    c.add(field("missing orderId", b -> remove(b, "orderId"), "orderId"));
    c.add(field("missing customerId", b -> remove(b, "customerId"), "customerId"));
    c.add(field("amount is a boolean", b -> b.put("amount", true), "amount"));
    c.add(field("amount is text", b -> b.put("amount", "ten"), "amount"));
    c.add(field("negative amount", b -> b.put("amount", -5), "amount"));
    c.add(field("too many decimals", b -> b.put("amount", "10.001"), "amount"));
    c.add(field("astronomical amount", b -> b.put("amount", new java.math.BigDecimal("1e999")), "amount"));
    c.add(field("currency not ISO 4217", b -> b.put("currency", "EURO"), "currency"));
    c.add(field("currency without minor unit", b -> b.put("currency", "XAU"), "currency"));
    c.add(field("orderId is a number", b -> b.put("orderId", 42), "orderId"));
    c.add(field("orderId with a slash", b -> b.put("orderId", "a/b"), "orderId"));
    c.add(field("SQL injection in orderId", b -> b.put("orderId", "1' OR '1'='1"), "orderId"));
    c.add(field("orderId too long", b -> b.put("orderId", "o".repeat(65)), "orderId"));
    c.add(field("script in commandId", b -> b.put("commandId", "<script>alert(1)</script>"), "commandId"));
    c.add(field("expectedVersion as text", b -> b.put("expectedVersion", "1"), "expectedVersion"));
    c.add(field("negative expectedVersion", b -> b.put("expectedVersion", -1), "expectedVersion"));
    c.add(field("misspelt field", b -> b.put("ammount", 10), "ammount"));
    c.add(field("tenant in the body", b -> b.put("tenant", "globex"), "tenant"));
    c.add(field("blank customerId", b -> b.put("customerId", "   "), "customerId"));
    c.add(field("101 order lines", b -> b.put("items", lines(101)), "items"));
    c.add(field("zero quantity", b -> b.put("items", new JsonArray().add(new JsonObject().put("sku", "s")
        .put("quantity", 0))), "items[0].quantity"));
    // headers
    c.add(new Case("Idempotency-Key differs from commandId", s -> post(s, ACME, s.writer("acme"), place,
        "Idempotency-Key", "another-id"), 400, "Idempotency-Key"));
    c.add(new Case("Idempotency-Key with spaces", s -> post(s, ACME, s.writer("acme"),
        Commands.place(null, "o-bad", "1").encode(), "Idempotency-Key", "a%20b c"), 400, "Idempotency-Key"));
    c.add(new Case("Idempotency-Key on a batch", s -> post(s, ACME + ":batch", s.writer("acme"), batchOf(1),
        "Idempotency-Key", "k1"), 400, "Idempotency-Key"));
    // batch shape, other routes
    c.add(new Case("batch without commands", s -> post(s, ACME + ":batch", s.writer("acme"), "{\"items\":[]}"),
        422, "items"));
    c.add(new Case("empty batch", s -> post(s, ACME + ":batch", s.writer("acme"), "{\"commands\":[]}"), 422,
        "commands"));
    c.add(new Case("bad command id in GET", s -> s.api.request(ACME + "/bad%20id", s.writer("acme")).GET()
        .build(), 400, "commandId"));
    c.add(new Case("PUT is not a command", s -> s.api.request(ACME, s.writer("acme"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(place)).build(), 405,
        null));
    c.add(new Case("tenant admin needs platform-admin", s -> post(s, "/v1/admin/tenants", s.token("acme", "admin"),
        "{\"id\":\"newco\"}"), 403, null));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithItsStatusAndAppendsNothing(Case c) {
    long commands = LogReader.endOffsetSum(broker, side.topics.commands());
    long events = LogReader.endOffsetSum(broker, side.topics.events());
    ApiClient.Answer answer = side.api.send(c.request().apply(side));

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(c.status());
    assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
    JsonObject problem = answer.json();
    assertThat(problem.getInteger("status")).isEqualTo(c.status());
    assertThat(problem.getString("field")).isEqualTo(c.field());
    assertThat(problem.getString("detail")).isNotBlank().hasSizeLessThan(600);
    assertThat(LogReader.endOffsetSum(broker, side.topics.commands())).isEqualTo(commands);
    assertThat(LogReader.endOffsetSum(broker, side.topics.events())).isEqualTo(events);
  }

  @Test
  void theTableHasAtLeastThirtyKinds() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void overQuotaIs429WithRetryAfterBeforeTheBodyIsEvenRead() {
    ApiClient.Answer created = side.api.postJson("/v1/admin/tenants", side.platformAdmin(),
        "{\"id\":\"tiny\",\"quota\":{\"commandsPerSecond\":1,\"burst\":1}}");
    assertThat(created.status()).isEqualTo(201);
    long commands = LogReader.endOffsetSum(broker, side.topics.commands());
    String token = side.writer("tiny");
    ApiClient.Answer first = side.api.postJson("/v1/tenants/tiny/commands", token, "{\"type\":");
    ApiClient.Answer second = side.api.postJson("/v1/tenants/tiny/commands", token, "{\"type\":");
    assertThat(first.status()).isEqualTo(400);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.header("Retry-After")).isEqualTo("1");
    assertThat(second.json().getString("type")).endsWith("/quota-exceeded");
    assertThat(LogReader.endOffsetSum(broker, side.topics.commands())).isEqualTo(commands);
  }

  private static Case field(String name, Function<JsonObject, JsonObject> change, String field) {
    return new Case(name, s -> post(s, ACME, s.writer("acme"),
        change.apply(Commands.place("bad-f", "o-bad-f", "10")).encode()), 422, field);
  }

  private static JsonObject remove(JsonObject body, String field) {
    body.remove(field);
    return body;
  }

  private static JsonArray lines(int n) {
    JsonArray items = new JsonArray();
    for (int i = 0; i < n; i++) {
      items.add(new JsonObject().put("sku", "sku-" + i).put("quantity", 1));
    }
    return items;
  }

  private static String hugePlace() {
    return Commands.place("bad-huge", "o-huge", "1").put("customerId", "x".repeat(100_000)).encode();
  }

  private static String batchOf(int n) {
    JsonArray commands = new JsonArray();
    for (int i = 0; i < n; i++) {
      commands.add(Commands.place("batch-" + i, "o-batch-" + i, "1"));
    }
    return new JsonObject().put("commands", commands).encode();
  }

  private static HttpRequest post(CommandSide s, String path, String token, String body, String... headers) {
    HttpRequest.Builder b = s.api.request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }
}
