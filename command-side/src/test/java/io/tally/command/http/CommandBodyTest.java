package io.tally.command.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventIds;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class CommandBodyTest {

  @Test
  void theIdempotencyKeyBecomesTheCommandId() {
    ObjectNode body = object("{\"type\":\"ShipOrder\",\"orderId\":\"o1\"}");
    CommandBody.applyIdempotencyKey("key-1", body);
    assertThat(body.get("commandId").asText()).isEqualTo("key-1");
  }

  @Test
  void aCommandWithoutAnyIdGetsAFreshOne() {
    ObjectNode body = object("{\"type\":\"ShipOrder\",\"orderId\":\"o1\"}");
    CommandBody.applyIdempotencyKey(null, body);
    assertThat(EventIds.isV7(body.get("commandId").asText())).isTrue();
  }

  @Test
  void aKeyThatDiffersFromTheBodysIdIsRefusedNamingTheHeader() {
    ObjectNode body = object("{\"commandId\":\"a\"}");
    assertThatThrownBy(() -> CommandBody.applyIdempotencyKey("b", body)).isInstanceOfSatisfying(Rejection.class,
        r -> {
          assertThat(r.status()).isEqualTo(400);
          assertThat(r.toJson().getString("field")).isEqualTo("Idempotency-Key");
        });
  }

  @Test
  void syntaxErrorsSayWhere() {
    assertThatThrownBy(() -> CommandBody.json(Buffer.buffer("{\n \"a\": }"))).isInstanceOfSatisfying(
        Rejection.class, r -> assertThat(r.toJson().getString("detail")).contains("line 2"));
  }

  @Test
  void longDetailsAreCapped() {
    Rejection r = Rejection.field(422, "amount", "x".repeat(10_000));
    assertThat(r.toJson().getString("detail")).hasSizeLessThan(600);
  }

  private static ObjectNode object(String json) {
    return CommandBody.object(CommandBody.json(Buffer.buffer(json)), "the body");
  }
}
