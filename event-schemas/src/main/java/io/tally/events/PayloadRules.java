package io.tally.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The part of JSON Schema the event schemas use (types, required, properties, additionalProperties: false,
 * string lengths and patterns, integer bounds, array items), compiled into plain checks that say "surely valid"
 * for the payloads every producer writes. It is a shortcut, not a second validator: anything it does not accept
 * goes to the full validator, which decides and says why; a schema using any other keyword is not compiled at all.
 * Schema validation of every event was a third of the decode, and it is almost always a payload that passes.
 */
final class PayloadRules {

  private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");

  private PayloadRules() {}

  /** Checks that accept only payloads the schema accepts, or null when the schema is outside the subset. */
  static Predicate<JsonNode> compile(JsonNode schema) {
    if (!schema.isObject() || !schema.path("type").isTextual()) {
      return null;
    }
    Map<String, JsonNode> keywords = new HashMap<>();
    schema.fields().forEachRemaining(f -> {
      if (!ANNOTATIONS.contains(f.getKey())) {
        keywords.put(f.getKey(), f.getValue());
      }
    });
    String type = keywords.remove("type").textValue();
    return switch (type) {
      case "object" -> object(keywords);
      case "string" -> string(keywords);
      case "integer" -> integer(keywords);
      case "boolean" -> keywords.isEmpty() ? JsonNode::isBoolean : null;
      case "array" -> array(keywords);
      default -> null;
    };
  }

  private static Predicate<JsonNode> object(Map<String, JsonNode> keywords) {
    JsonNode properties = keywords.remove("properties");
    JsonNode required = keywords.remove("required");
    JsonNode additional = keywords.remove("additionalProperties");
    if (!keywords.isEmpty() || additional != null && !additional.isBoolean()
        || required != null && !required.isArray() || properties != null && !properties.isObject()) {
      return null;
    }
    Map<String, Predicate<JsonNode>> fields = new HashMap<>();
    if (properties != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        Predicate<JsonNode> rule = compile(property.getValue());
        if (rule == null) {
          return null;
        }
        fields.put(property.getKey(), rule);
      }
    }
    Set<String> mandatory = new HashSet<>();
    if (required != null) {
      required.forEach(name -> mandatory.add(name.asText()));
    }
    String[] mustHave = mandatory.toArray(String[]::new);
    boolean othersAllowed = additional == null || additional.booleanValue();
    return node -> {
      if (!node.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Predicate<JsonNode> rule = fields.get(field.getKey());
        if (rule == null ? !othersAllowed : !rule.test(field.getValue())) {
          return false;
        }
      }
      for (String name : mustHave) {
        if (!node.has(name)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<JsonNode> string(Map<String, JsonNode> keywords) {
    JsonNode min = keywords.remove("minLength");
    JsonNode max = keywords.remove("maxLength");
    JsonNode pattern = keywords.remove("pattern");
    if (!keywords.isEmpty() || !wholeInt(min) || !wholeInt(max) || pattern != null && !pattern.isTextual()) {
      return null;
    }
    int atLeast = min == null ? 0 : min.intValue();
    int atMost = max == null ? Integer.MAX_VALUE : max.intValue();
    Predicate<String> matches = pattern == null ? text -> true : PatternShortcuts.find(pattern.textValue());
    return node -> {
      if (!node.isTextual()) {
        return false;
      }
      String text = node.textValue();
      // Lengths count code points in JSON Schema; these bounds hold whether counted in code points or chars.
      return text.length() <= atMost && (atLeast == 0 || text.codePointCount(0, text.length()) >= atLeast)
          && matches.test(text);
    };
  }

  private static boolean wholeInt(JsonNode bound) {
    return bound == null || bound.isIntegralNumber() && bound.canConvertToInt() && bound.intValue() >= 0;
  }

  private static Predicate<JsonNode> integer(Map<String, JsonNode> keywords) {
    JsonNode min = keywords.remove("minimum");
    JsonNode max = keywords.remove("maximum");
    if (!keywords.isEmpty() || min != null && !min.canConvertToLong() || max != null && !max.canConvertToLong()
        || min != null && !min.isIntegralNumber() || max != null && !max.isIntegralNumber()) {
      return null;
    }
    long atLeast = min == null ? Long.MIN_VALUE : min.longValue();
    long atMost = max == null ? Long.MAX_VALUE : max.longValue();
    // 1.0 is an integer to JSON Schema; such payloads are left to the full validator.
    return node -> node.isIntegralNumber() && node.canConvertToLong()
        && node.longValue() >= atLeast && node.longValue() <= atMost;
  }

  private static Predicate<JsonNode> array(Map<String, JsonNode> keywords) {
    JsonNode items = keywords.remove("items");
    Predicate<JsonNode> item = items == null ? node -> true : compile(items);
    if (!keywords.isEmpty() || item == null) {
      return null;
    }
    return node -> {
      if (!node.isArray()) {
        return false;
      }
      for (JsonNode element : node) {
        if (!item.test(element)) {
          return false;
        }
      }
      return true;
    };
  }
}
