package io.tally.events;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The top-level fields of an envelope, streamed: every consumer decodes every event, and building the envelope as
 * a tree (a map, a node per field, a hash set for duplicate keys) was most of the parse. Only the payload becomes
 * a tree. The whole document is still read before any field is judged, so the outcome is the one a tree read
 * gives: syntax errors, duplicate keys at any depth and trailing tokens are "not valid JSON" first.
 */
final class EnvelopeFields {

  private static final int FIELDS = 10;

  private EnvelopeFields() {}

  /**
   * The fields of a document that starts with an object, or null when it starts with anything else (the caller
   * reads those as a tree, which says precisely what they are).
   *
   * @throws IOException for anything that is not one valid JSON object with unique keys
   */
  static JsonFields read(byte[] json) throws IOException {
    try (JsonParser parser = EventJson.parser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonNode[] values = new JsonNode[FIELDS];
      Set<String> others = null;
      String name;
      while ((name = parser.nextFieldName()) != null) {
        int slot = slot(name);
        JsonToken token = parser.nextToken();
        if (slot >= 0) {
          if (values[slot] != null) {
            throw duplicate(parser, name);
          }
          values[slot] = value(parser, token);
        } else {
          // Unknown fields are ignored (forward compatibility), but must still be valid and unique.
          others = others == null ? new HashSet<>() : others;
          if (!others.add(name)) {
            throw duplicate(parser, name);
          }
          if (token.isStructStart()) {
            EventJson.readValue(parser);
          }
        }
      }
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "trailing token after the envelope");
      }
      return JsonFields.of(field -> values[slot(field)]);
    }
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return TextNode.valueOf(parser.getText());
      case VALUE_NULL:
        return NullNode.getInstance();
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> IntNode.valueOf(parser.getIntValue());
          case LONG -> LongNode.valueOf(parser.getLongValue());
          default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
        };
      default:
        return EventJson.readValue(parser);
    }
  }

  private static JsonParseException duplicate(JsonParser parser, String name) {
    return new JsonParseException(parser, "duplicate field '" + name + "'");
  }

  private static int slot(String name) {
    return switch (name) {
      case "eventId" -> 0;
      case "tenant" -> 1;
      case "aggregateId" -> 2;
      case "sequence" -> 3;
      case "type" -> 4;
      case "schemaVersion" -> 5;
      case "occurredAt" -> 6;
      case "commandId" -> 7;
      case "correlationId" -> 8;
      case "payload" -> 9;
      default -> -1;
    };
  }
}
