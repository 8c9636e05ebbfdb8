package io.tally.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads of a JSON object's fields that fail with {@link InvalidFieldException} naming the field. JSON null
 * counts as absent, so optional fields may be sent as null or left out.
 */
public final class JsonFields {

  private final ObjectNode node;
  private final Function<String, JsonNode> values;
  private final String prefix;

  public JsonFields(ObjectNode node) {
    this(node, "");
  }

  /** Reads a nested object; errors name the field as {@code prefix + name}, e.g. {@code items[2].sku}. */
  public JsonFields(ObjectNode node, String prefix) {
    this(node, node::get, prefix);
  }

  private JsonFields(ObjectNode node, Function<String, JsonNode> values, String prefix) {
    this.node = node;
    this.values = values;
    this.prefix = prefix;
  }

  /** Fields looked up by name (null when absent) rather than kept in an object node: a streamed read's. */
  static JsonFields of(Function<String, JsonNode> values) {
    return new JsonFields(null, values, "");
  }

  public boolean has(String field) {
    JsonNode value = values.apply(field);
    return value != null && !value.isNull();
  }

  public String text(String field) {
    return optionalText(field).orElseThrow(() -> missing(field));
  }

  public Optional<String> optionalText(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = values.apply(field);
    if (!value.isTextual()) {
      throw invalid(field, "must be a string");
    }
    if (value.textValue().isBlank()) {
      throw invalid(field, "must not be blank");
    }
    return Optional.of(value.textValue());
  }

  public long wholeNumber(String field) {
    OptionalLong value = optionalWholeNumber(field);
    if (value.isEmpty()) {
      throw missing(field);
    }
    return value.getAsLong();
  }

  public OptionalLong optionalWholeNumber(String field) {
    if (!has(field)) {
      return OptionalLong.empty();
    }
    JsonNode value = values.apply(field);
    if (!value.isIntegralNumber()) {
      throw invalid(field, "must be a whole number");
    }
    if (!value.canConvertToLong()) {
      throw invalid(field, "is out of range");
    }
    return OptionalLong.of(value.longValue());
  }

  /** A JSON number, or a plain decimal string (money is often sent as text to dodge floats). */
  public BigDecimal decimal(String field) {
    if (!has(field)) {
      throw missing(field);
    }
    JsonNode value = values.apply(field);
    if (value.isTextual() && isPlainDecimal(value.textValue())) {
      return new BigDecimal(value.textValue());
    }
    if (value.isBigDecimal() || value.isIntegralNumber()) {
      return value.decimalValue();
    }
    if (value.isFloatingPointNumber()) {
      // A double from a mapper that is not EventJson: its shortest text is what the client wrote.
      return new BigDecimal(value.asText());
    }
    throw invalid(field, "must be a decimal number");
  }

  /**
   * Plain decimals only in strings ({@code -?[0-9]+(\.[0-9]+)?}): "1e3" as text is more likely a typo than intent.
   * A loop rather than a regex: every amount of every event read passes here.
   */
  static boolean isPlainDecimal(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    int dot = text.indexOf('.');
    int end = text.length();
    return digits(text, start, dot < 0 ? end : dot) && (dot < 0 || digits(text, dot + 1, end));
  }

  private static boolean digits(String text, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  public boolean bool(String field) {
    if (!has(field)) {
      throw missing(field);
    }
    JsonNode value = values.apply(field);
    if (!value.isBoolean()) {
      throw invalid(field, "must be true or false");
    }
    return value.booleanValue();
  }

  public ObjectNode object(String field) {
    if (!has(field)) {
      throw missing(field);
    }
    JsonNode value = values.apply(field);
    if (!value.isObject()) {
      throw invalid(field, "must be an object");
    }
    return (ObjectNode) value;
  }

  public Optional<ArrayNode> optionalArray(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = values.apply(field);
    if (!value.isArray()) {
      throw invalid(field, "must be an array");
    }
    return Optional.of((ArrayNode) value);
  }

  /** Rejects the first field, in document order, that is not in {@code allowed}. */
  public void rejectUnknown(Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw invalid(name, "is not a known field");
      }
    }
  }

  public InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(prefix + field, message);
  }

  private InvalidFieldException missing(String field) {
    return invalid(field, "is required");
  }
}
