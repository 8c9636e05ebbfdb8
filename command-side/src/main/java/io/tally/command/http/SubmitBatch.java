package io.tally.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.command.CommandSettings;
import io.tally.command.tenants.Quotas;
import io.tally.command.tenants.Tenant;
import io.tally.order.OrderCommand;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * POST /v1/tenants/{tenant}/commands:batch with {"commands": [...]}: up to {@value #MAX_ITEMS} commands, one
 * outcome per item in the same order. The batch as a whole is 200 once it was read; each item carries its own
 * status (201, 409, 422, 202, 503) exactly as the single-command endpoint would have answered it. An invalid item
 * never reaches the log and does not stop the valid ones.
 */
final class SubmitBatch implements Handler<RoutingContext> {
  static final int MAX_ITEMS = 1000;
  private final CommandGateway gateway;
  private final Quotas quotas;
  private final CommandMetrics metrics;
  private final CommandSettings settings;

  SubmitBatch(CommandGateway gateway, Quotas quotas, CommandMetrics metrics, CommandSettings settings) {
    this.gateway = gateway;
    this.quotas = quotas;
    this.metrics = metrics;
    this.settings = settings;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Tenant tenant = ctx.get(RequestGuards.TENANT);
    ArrayNode items;
    try {
      RequestGuards.requireJson(ctx);
      if (ctx.request().getHeader("Idempotency-Key") != null) {
        throw Rejection.field(400, "Idempotency-Key", "applies to single commands; give each batch item a commandId");
      }
      items = items(CommandBody.object(CommandBody.json(ctx.body().buffer()), "the body"));
      SubmitCommand.throttle(quotas.take(tenant, items.size()), tenant);
    } catch (Rejection r) {
      metrics.count(tenant.id(), null, CommandMetrics.outcomeOf(r.status()));
      r.send(ctx);
      return;
    }
    Prefer prefer = Prefer.parse(ctx.request().getHeader("Prefer"), settings.waitMillis(), settings.maxWaitMillis());
    List<Future<JsonObject>> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      results.add(submit(tenant, i, items.get(i), prefer.waitMillis()));
    }
    Future.join(results).onComplete(all -> {
      JsonArray out = new JsonArray();
      results.forEach(r -> out.add(r.result()));
      ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
          .end(new JsonObject().put("results", out).encode());
    });
  }

  private static ArrayNode items(ObjectNode body) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("commands")) {
        throw Rejection.field(422, name, "unknown field; the batch body is {\"commands\": [...]}");
      }
    }
    JsonNode commands = body.get("commands");
    if (commands == null || !commands.isArray()) {
      throw Rejection.field(422, "commands", "is required and must be an array of commands");
    }
    if (commands.isEmpty()) {
      throw Rejection.field(422, "commands", "must not be empty");
    }
    if (commands.size() > MAX_ITEMS) {
      throw Rejection.field(413, "commands", "has " + commands.size() + " items; at most " + MAX_ITEMS
          + " per batch");
    }
    return (ArrayNode) commands;
  }

  private Future<JsonObject> submit(Tenant tenant, int index, JsonNode item, long waitMillis) {
    String prefix = "commands[" + index + "].";
    OrderCommand command;
    try {
      ObjectNode body = CommandBody.object(item, "commands[" + index + "]");
      CommandBody.applyIdempotencyKey(null, body);
      command = CommandBody.command(tenant.id(), body, prefix);
    } catch (Rejection r) {
      metrics.count(tenant.id(), null, "invalid");
      return Future.succeededFuture(new JsonObject().put("index", index).put("status", r.status())
          .put("problem", r.toJson()));
    }
    String location = OutcomeAnswers.location(tenant.id(), command.commandId());
    return gateway.submit(command, waitMillis).map(answer -> {
      JsonObject result = new JsonObject().put("index", index).put("commandId", command.commandId())
          .put("location", location);
      if (answer instanceof CommandGateway.Answer.Decided d) {
        OutcomeAnswers.Answer a = OutcomeAnswers.decided(d.outcome());
        result.put("status", a.status()).put(a.status() == 201 ? "outcome" : "problem", a.body());
        if (d.outcome().repeat()) {
          result.put("replayed", true);
        }
      } else if (answer instanceof CommandGateway.Answer.Pending) {
        result.put("status", 202);
      } else {
        result.put("status", 503).put("problem", OutcomeAnswers.unavailable().toJson());
      }
      metrics.count(tenant.id(), command.type(), CommandMetrics.outcomeOf(result.getInteger("status")));
      return result;
    }).otherwise(e -> new JsonObject().put("index", index).put("commandId", command.commandId())
        .put("status", 503).put("problem", OutcomeAnswers.unavailable().toJson()));
  }
}
