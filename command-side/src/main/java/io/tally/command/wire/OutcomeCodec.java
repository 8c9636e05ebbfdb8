package io.tally.command.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventJson;
import io.tally.events.UtcInstants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Outcome to and from the JSON value on {@code orders.command-results} (also the stored form for GET). */
public final class OutcomeCodec {

  private OutcomeCodec() {}

  public static byte[] toBytes(Outcome o) {
    return EventJson.write(toJson(o));
  }

  public static ObjectNode toJson(Outcome o) {
    ObjectNode json = EventJson.object();
    json.put("commandId", o.commandId());
    json.put("tenant", o.tenant());
    json.put("orderId", o.orderId());
    json.put("type", o.commandType());
    json.put("outcome", o.accepted() ? "accepted" : "rejected");
    if (o.rule() != null) {
      json.put("rule", o.rule());
      json.put("message", o.message());
    }
    json.put("version", o.version());
    ArrayNode events = json.putArray("events");
    for (AppendedEvent e : o.events()) {
      events.addObject().put("eventId", e.eventId()).put("type", e.type()).put("sequence", e.sequence())
          .put("partition", e.partition()).put("offset", e.offset());
    }
    json.put("decidedAt", o.decidedAt().toString());
    if (o.fingerprint() != null) {
      json.put("fingerprint", o.fingerprint());
    }
    if (o.repeat()) {
      json.put("repeat", true);
    }
    if (o.reusedId()) {
      json.put("reusedId", true);
    }
    return json;
  }

  public static Outcome fromBytes(byte[] bytes) {
    try {
      return fromJson(EventJson.read(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("outcome record is not JSON", e);
    }
  }

  public static Outcome fromJson(JsonNode json) {
    List<AppendedEvent> events = new ArrayList<>();
    for (JsonNode e : json.path("events")) {
      events.add(new AppendedEvent(e.path("eventId").asText(), e.path("type").asText(), e.path("sequence").asLong(),
          e.path("partition").asInt(), e.path("offset").asLong()));
    }
    return new Outcome(json.path("commandId").asText(), json.path("tenant").asText(), text(json, "orderId"),
        text(json, "type"), "accepted".equals(json.path("outcome").asText()), text(json, "rule"),
        text(json, "message"), json.path("version").asLong(), events,
        UtcInstants.parse(json.path("decidedAt").asText()), text(json, "fingerprint"),
        json.path("repeat").asBoolean(false), json.path("reusedId").asBoolean(false));
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
