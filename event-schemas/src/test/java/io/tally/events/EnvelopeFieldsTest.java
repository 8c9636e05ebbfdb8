package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The streamed envelope read must decide exactly as reading the whole document as a tree did: same envelope, or
 * the same reason and field, for valid events, hand-made breakages and random byte-level damage.
 */
class EnvelopeFieldsTest {

  private static final List<String> TYPES = List.of("OrderPlaced.1", "OrderPlaced.2", "OrderPaid.1",
      "OrderShipped.1", "OrderCancelled.1", "OrderRefunded.1");

  /** What fromBytes did before it streamed: the whole value as a tree, then the same field checks. */
  private static EventEnvelope asTree(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new UnparseableEventException("empty record value", null);
    }
    ObjectNode root;
    try {
      var node = EventJson.read(bytes);
      if (node == null || !node.isObject()) {
        throw new UnparseableEventException("not a JSON object", null);
      }
      root = (ObjectNode) node;
    } catch (java.io.IOException e) {
      throw new UnparseableEventException("not valid JSON", null);
    }
    try {
      return EnvelopeCodec.read(new JsonFields(root));
    } catch (InvalidFieldException e) {
      throw new UnparseableEventException(e.getMessage(), e.field());
    }
  }

  private static String outcome(Function<byte[], EventEnvelope> reader, byte[] bytes) {
    try {
      return "read " + reader.apply(bytes);
    } catch (UnparseableEventException e) {
      return "unparseable " + e.reason() + " / " + e.field().orElse("-");
    }
  }

  private static void assertSameOutcome(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(outcome(EnvelopeCodec::fromBytes, bytes)).as(json).isEqualTo(outcome(EnvelopeFieldsTest::asTree, bytes));
  }

  private static List<String> validEnvelopes() {
    List<String> all = new ArrayList<>();
    for (String t : TYPES) {
      String[] typeVersion = t.split("\\.");
      all.add(new String(Fixtures.bytes(typeVersion[0], Integer.parseInt(typeVersion[1])), StandardCharsets.UTF_8));
      all.add(new String(EnvelopeCodec.toBytes(Fixtures.envelope(typeVersion[0], Integer.parseInt(typeVersion[1]))),
          StandardCharsets.UTF_8));
    }
    return all;
  }

  @Test
  void validEnvelopesReadTheSame() {
    for (String json : validEnvelopes()) {
      assertSameOutcome(json);
      assertThat(outcome(EnvelopeCodec::fromBytes, json.getBytes(StandardCharsets.UTF_8))).startsWith("read ");
    }
  }

  @Test
  void handMadeBreakagesReadTheSame() {
    String base = new String(EnvelopeCodec.toBytes(Fixtures.envelope("OrderPaid", 1)), StandardCharsets.UTF_8);
    Map<String, String> values = Map.ofEntries(Map.entry("null", "null"), Map.entry("int", "7"),
        Map.entry("long", "12345678901"), Map.entry("big", "123456789012345678901234567890"),
        Map.entry("float", "1.0"), Map.entry("exp", "1e3"), Map.entry("true", "true"), Map.entry("blank", "\" \""),
        Map.entry("object", "{\"a\":1}"), Map.entry("dupObject", "{\"a\":1,\"a\":2}"), Map.entry("array", "[1,{}]"),
        Map.entry("empty", "\"\""), Map.entry("text", "\"x\""));
    List<String> fields = List.of("eventId", "tenant", "aggregateId", "sequence", "type", "schemaVersion",
        "occurredAt", "commandId", "correlationId", "payload", "unknownField");
    List<String> cases = new ArrayList<>();
    for (String field : fields) {
      for (String value : values.values()) {
        String pair = "\"" + field + "\":" + value;
        cases.add(base.replaceFirst("\\{", "{" + pair + ","));            // first, and duplicated if known
        cases.add(base.substring(0, base.length() - 1) + "," + pair + "}"); // last
        cases.add(base.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+|\\{[^}]*\\})", pair)); // replaced
      }
      cases.add(base.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+|\\{[^}]*\\}),?", "")); // removed
    }
    cases.addAll(List.of(base + " x", base + " {}", base + "  ", " " + base, "[" + base + "]", "{}", "{", "}",
        "null", "\"text\"", "42", "  ", "{\"payload\":{\"a\":1,\"b\":{\"c\":1,\"c\":2}}}",
        base.replace("\"payload\":{", "\"payload\":{\"amount\":\"1\",")));
    for (String json : cases) {
      assertSameOutcome(json);
    }
  }

  @Test
  void randomlyDamagedEnvelopesReadTheSame() {
    Random random = new Random(20261122);
    String alphabet = "{}[]\",:\\ 0123456789.-eE+tfnulaXé\u00a0😀\n";
    List<String> valid = validEnvelopes();
    int readable = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder json = new StringBuilder(valid.get(random.nextInt(valid.size())));
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(json.length());
        switch (random.nextInt(4)) {
          case 0 -> json.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> json.deleteCharAt(at);
          case 2 -> json.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> {
            int end = Math.min(json.length(), at + random.nextInt(40));
            json.insert(random.nextInt(json.length()), json.substring(at, end));
          }
        }
      }
      assertSameOutcome(json.toString());
      if (outcome(EnvelopeCodec::fromBytes, json.toString().getBytes(StandardCharsets.UTF_8)).startsWith("read ")) {
        readable++;
      }
    }
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = valid.get(random.nextInt(valid.size())).getBytes(StandardCharsets.UTF_8);
      bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
      assertThat(outcome(EnvelopeCodec::fromBytes, bytes)).isEqualTo(outcome(EnvelopeFieldsTest::asTree, bytes));
    }
    // The damage must not be so heavy that only the syntax error path is compared.
    assertThat(readable).isGreaterThan(500);
  }
}
