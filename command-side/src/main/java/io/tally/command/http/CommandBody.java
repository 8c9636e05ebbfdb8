package io.tally.command.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventIds;
import io.tally.events.EventJson;
import io.tally.events.Limits;
import io.tally.order.CommandParser;
import io.tally.order.OrderCommand;
import io.tally.order.ParseResult;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * From request bytes to a command: 400 when the body is not one JSON object (syntax, duplicate keys, trailing
 * garbage, absurd nesting), 422 naming the first bad field when it is an object that is not a valid command.
 * Parsing goes through event-schemas' EventJson and CommandParser, the same rules the decider applies.
 */
final class CommandBody {
  private static final EventIds IDS = EventIds.system();

  private CommandBody() {}

  static JsonNode json(Buffer body) {
    if (body == null || body.length() == 0) {
      throw Rejection.of(400, "malformed-json", "the body is empty; send a JSON object");
    }
    try {
      JsonNode node = EventJson.read(body.getBytes());
      if (node == null || node.isMissingNode()) {
        throw Rejection.of(400, "malformed-json", "the body is empty; send a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw Rejection.of(400, "malformed-json", "the body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw Rejection.of(400, "malformed-json", "the body could not be read as JSON");
    }
  }

  static ObjectNode object(JsonNode node, String what) {
    if (!node.isObject()) {
      throw Rejection.of(400, "malformed-json", what + " must be a JSON object, not " + node.getNodeType()
          .toString().toLowerCase());
    }
    return (ObjectNode) node;
  }

  /**
   * Reconciles the Idempotency-Key header with the body's commandId (they are the same thing), and gives a command
   * without either a fresh id so its outcome can still be fetched later.
   */
  static void applyIdempotencyKey(String header, ObjectNode body) {
    JsonNode inBody = body.get("commandId");
    boolean bodyHasId = inBody != null && !inBody.isNull();
    if (header != null) {
      var violation = Limits.id("Idempotency-Key", header);
      if (violation.isPresent()) {
        throw Rejection.field(400, "Idempotency-Key", violation.get().message());
      }
      if (bodyHasId && !(inBody.isTextual() && inBody.textValue().equals(header))) {
        throw Rejection.field(400, "Idempotency-Key", "differs from the body's commandId; send one or make them equal");
      }
      body.put("commandId", header);
    } else if (!bodyHasId) {
      body.put("commandId", IDS.next());
    }
  }

  /** 422 naming the field, or the command. */
  static OrderCommand command(String tenant, ObjectNode body, String fieldPrefix) {
    ParseResult result = CommandParser.parse(tenant, body);
    if (result instanceof ParseResult.Invalid invalid) {
      throw Rejection.field(422, fieldPrefix + invalid.field(), invalid.message());
    }
    return ((ParseResult.Parsed) result).command();
  }
}
