package io.tally.command.http;

import io.tally.command.wire.AppendedEvent;
import io.tally.command.wire.Outcome;
import io.tally.service.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Outcomes as HTTP answers: 201 with the appended events, 409 naming the refusing rule, 422 for a command id
 * reused with another command, 202 while undecided, 503 when the log could not take the command.
 */
final class OutcomeAnswers {

  private OutcomeAnswers() {}

  /** Where an outcome can be fetched later. */
  static String location(String tenant, String commandId) {
    return "/v1/tenants/" + tenant + "/commands/" + commandId;
  }

  /** The outcome document of 201 answers and GET. */
  static JsonObject body(Outcome o) {
    JsonArray events = new JsonArray();
    for (AppendedEvent e : o.events()) {
      events.add(new JsonObject().put("eventId", e.eventId()).put("type", e.type()).put("sequence", e.sequence())
          .put("partition", e.partition()).put("offset", e.offset()));
    }
    JsonObject json = new JsonObject()
        .put("commandId", o.commandId())
        .put("tenant", o.tenant())
        .put("orderId", o.orderId())
        .put("type", o.commandType())
        .put("outcome", o.accepted() ? "accepted" : "rejected")
        .put("version", o.version())
        .put("events", events)
        .put("decidedAt", o.decidedAt().toString());
    if (o.rule() != null) {
      json.put("rule", o.rule()).put("message", o.message());
    }
    return json;
  }

  /** The status and document for a decided command, as POST answers it. */
  static Answer decided(Outcome o) {
    if (o.reusedId()) {
      return new Answer(422, Rejection.field(422, "commandId", "command id " + o.commandId()
          + " was already used for a different command (" + o.commandType() + " on order " + o.orderId()
          + "); use a new id for a new command").toJson(), Problem.MEDIA_TYPE);
    }
    if (o.accepted()) {
      return new Answer(201, body(o), "application/json");
    }
    JsonObject problem = new Rejection(new Problem(409, "rule-refused", "Conflict", o.message(), null),
        new JsonObject().put("rule", o.rule()).put("commandId", o.commandId()).put("orderId", o.orderId())
            .put("version", o.version())).toJson();
    return new Answer(409, problem, Problem.MEDIA_TYPE);
  }

  static JsonObject pending(String tenant, String commandId) {
    return new JsonObject().put("commandId", commandId).put("status", "pending")
        .put("location", location(tenant, commandId));
  }

  static Rejection unavailable() {
    return Rejection.of(503, "log-unavailable", "the command log did not confirm this command; retry with the same"
        + " commandId (retries are safe: a command id is decided at most once)").retryAfter(1);
  }

  record Answer(int status, JsonObject body, String contentType) {}
}
