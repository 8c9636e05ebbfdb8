package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeCodecTest {

  static EventEnvelope sample() {
    ObjectNode payload = EventJson.object().put("customerId", "c-1").put("amount", "12.50").put("currency", "EUR");
    return new EventEnvelope("01941f29-7c00-7abc-8def-0123456789ab", "acme", "o-1", 3, "OrderPlaced", 2,
        Instant.parse("2025-01-01T12:00:00.123Z"), "cmd-1", "corr-1", payload);
  }

  static String json(EventEnvelope envelope) {
    return new String(EnvelopeCodec.toBytes(envelope), StandardCharsets.UTF_8);
  }

  @Test
  void roundTripKeepsEveryField() {
    EventEnvelope envelope = sample();

    EventEnvelope back = EnvelopeCodec.fromBytes(EnvelopeCodec.toBytes(envelope));

    assertThat(back).isEqualTo(envelope);
    assertThat(back.payload().get("amount").textValue()).isEqualTo("12.50");
  }

  @Test
  void instantsAreWrittenAsUtcText() {
    assertThat(json(sample())).contains("\"occurredAt\":\"2025-01-01T12:00:00.123Z\"");
  }

  @Test
  void unknownEnvelopeFieldsAreIgnoredForForwardCompatibility() {
    String withExtra = json(sample()).replaceFirst("\\{", "{\"traceParent\":\"00-abc\",");

    assertThat(EnvelopeCodec.fromBytes(withExtra.getBytes(StandardCharsets.UTF_8))).isEqualTo(sample());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not json at all              | not valid JSON",
      "[1,2]                        | not a JSON object",
      "{\"a\":1} trailing           | not valid JSON",
      "{\"a\":1,\"a\":2}            | not valid JSON"})
  void unreadableBytesSayWhy(String input, String reason) {
    assertThatThrownBy(() -> EnvelopeCodec.fromBytes(input.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(UnparseableEventException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.field()).isEmpty();
        });
  }

  @Test
  void emptyValueIsUnparseable() {
    assertThatThrownBy(() -> EnvelopeCodec.fromBytes(new byte[0]))
        .isInstanceOfSatisfying(UnparseableEventException.class,
            e -> assertThat(e.reason()).isEqualTo("empty record value"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"sequence\":3                        | \"sequence\":0                   | sequence",
      "\"sequence\":3                        | \"sequence\":\"3\"               | sequence",
      "\"tenant\":\"acme\"                   | \"tenant\":\"ACME\"              | tenant",
      "\"eventId\":\"01941f29-7c00-7abc      | \"eventId\":\"01941f29-7c00-4abc | eventId",
      "\"occurredAt\":\"2025-01-01T12:00:00.123Z\" | \"occurredAt\":\"yesterday\" | occurredAt",
      "\"schemaVersion\":2                   | \"schemaVersion\":-1             | schemaVersion",
      "\"commandId\":\"cmd-1\",              | ''                               | commandId"})
  void badFieldsAreNamed(String original, String replacement, String field) {
    String broken = json(sample()).replace(original, replacement);
    assertThat(broken).isNotEqualTo(json(sample()));

    assertThatThrownBy(() -> EnvelopeCodec.fromBytes(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(UnparseableEventException.class, e -> assertThat(e.field()).contains(field));
  }

  @Test
  void payloadMustBeAnObject() {
    String broken = json(sample()).replaceAll("\"payload\":\\{.*}}$", "\"payload\":[]}");

    assertThatThrownBy(() -> EnvelopeCodec.fromBytes(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(UnparseableEventException.class, e -> assertThat(e.field()).contains("payload"));
  }

  @Test
  void oversizedEventsAreRefusedBothWays() {
    EventEnvelope huge = sample().withSchema(2,
        EventJson.object().put("reason", "x".repeat(Limits.MAX_EVENT_BYTES)));

    assertThatThrownBy(() -> EnvelopeCodec.toBytes(huge)).isInstanceOf(EventTooLargeException.class);

    byte[] tooBig = new byte[Limits.MAX_EVENT_BYTES + 1];
    assertThatThrownBy(() -> EnvelopeCodec.fromBytes(tooBig))
        .isInstanceOfSatisfying(UnparseableEventException.class,
            e -> assertThat(e.reason()).startsWith("too large"));
  }
}
