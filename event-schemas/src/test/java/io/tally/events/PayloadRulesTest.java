package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compiled shortcut may only ever call valid what the full JSON Schema validator calls valid, and it must
 * accept what producers write (or it saves nothing).
 */
class PayloadRulesTest {

  private static final SchemaCatalog CATALOG = EventSchemas.catalog();

  private static final List<String> CANDIDATES = List.of("null", "true", "0", "1", "-1", "10000", "10001", "1.0",
      "2.5", "123456789012345678901234567890", "{}", "[]", "\"\"", "\" \"", "\"\\t\"", "\"a\"", "\"12.50\"",
      "\"0\"", "\"01\"", "\"1.2345\"", "\"12.5\\n\"", "\"EUR\"", "\"eur\"", "\"EUR\\n\"", "\"\\nEUR\"", "\"EURO\"",
      "\"\\u00a0\"", "\"x\\ny\"", "\"" + "x".repeat(64) + "\"", "\"" + "x".repeat(65) + "\"",
      "\"" + "x".repeat(128) + "\"", "\"" + "x".repeat(129) + "\"", "\"" + "x".repeat(500) + "\"",
      "\"" + "x".repeat(501) + "\"", "\"" + "😀".repeat(64) + "\"", "\"" + "😀".repeat(65) + "\"",
      "[{\"sku\":\"a\",\"quantity\":1}]", "[{\"sku\":\"a\",\"quantity\":1.0}]", "[{\"sku\":\"a\"}]",
      "[{\"sku\":\"a\",\"quantity\":1,\"x\":1}]", "[{\"sku\":\" \",\"quantity\":1}]", "[1]",
      "[{\"sku\":\"a\",\"quantity\":10000},{\"sku\":\"b\",\"quantity\":0}]");

  @Test
  void everyEventSchemaHasTheShortcut() {
    EventTypes.CURRENT_VERSIONS.forEach((type, current) -> {
      for (int version = 1; version <= current; version++) {
        assertThat(CATALOG.hasShortcut(type, version)).as(type + " v" + version).isTrue();
      }
    });
  }

  @Test
  void whatProducersWriteTakesTheShortcut() {
    EventTypes.CURRENT_VERSIONS.forEach((type, current) -> {
      for (int version = 1; version <= current; version++) {
        JsonNode payload = Fixtures.envelope(type, version).payload();
        assertThat(PayloadRules.compile(schema(type, version)).test(payload)).as(type + " v" + version).isTrue();
      }
    });
  }

  @Test
  void theShortcutNeverAcceptsWhatTheValidatorRejects() throws Exception {
    Random random = new Random(2026);
    int shortcut = 0;
    int invalid = 0;
    for (Map.Entry<String, Integer> entry : EventTypes.CURRENT_VERSIONS.entrySet()) {
      for (int version = 1; version <= entry.getValue(); version++) {
        String type = entry.getKey();
        JsonNode schema = schema(type, version);
        var rules = PayloadRules.compile(schema);
        List<String> fields = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(fields::add);
        fields.add("extra");
        ObjectNode valid = Fixtures.envelope(type, version).payload();
        for (int i = 0; i < 4_000; i++) {
          ObjectNode payload = valid.deepCopy();
          for (int edits = random.nextInt(3); edits >= 0; edits--) {
            String field = fields.get(random.nextInt(fields.size()));
            if (random.nextInt(5) == 0) {
              payload.remove(field);
            } else {
              payload.set(field, EventJson.read(CANDIDATES.get(random.nextInt(CANDIDATES.size()))));
            }
          }
          boolean fullyValid = CATALOG.checkFully(type, version, payload).isValid();
          boolean surely = rules.test(payload);
          assertThat(!surely || fullyValid).as(type + " v" + version + " " + payload).isTrue();
          assertThat(CATALOG.check(type, version, payload).isValid()).isEqualTo(fullyValid);
          shortcut += surely ? 1 : 0;
          invalid += fullyValid ? 0 : 1;
        }
      }
    }
    assertThat(shortcut).isGreaterThan(1_000);
    assertThat(invalid).isGreaterThan(1_000);
  }

  @Test
  void keywordsOutsideTheSubsetAreLeftToTheValidator() throws Exception {
    assertThat(PayloadRules.compile(EventJson.read("{\"type\":\"string\",\"format\":\"email\"}"))).isNull();
    assertThat(PayloadRules.compile(EventJson.read("{\"type\":[\"string\",\"null\"]}"))).isNull();
    assertThat(PayloadRules.compile(EventJson.read(
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}}}"))).isNull();
    assertThat(PayloadRules.compile(EventJson.read("{\"type\":\"array\",\"minItems\":1}"))).isNull();
    assertThat(PayloadRules.compile(EventJson.read("{\"type\":\"object\",\"additionalProperties\":{}}"))).isNull();
  }

  private static JsonNode schema(String type, int version) {
    String resource = "schemas/events/" + type + ".v" + version + ".json";
    try (var in = PayloadRulesTest.class.getClassLoader().getResourceAsStream(resource)) {
      return EventJson.read(in.readAllBytes());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
