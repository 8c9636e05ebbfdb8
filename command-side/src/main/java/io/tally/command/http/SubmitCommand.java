package io.tally.command.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.command.CommandSettings;
import io.tally.command.tenants.Quotas;
import io.tally.command.tenants.Tenant;
import io.tally.order.OrderCommand;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /v1/tenants/{tenant}/commands. Runs after auth, tenant and size checks: quota, body, command, then the
 * log; answers with the decision, or 202 when the caller prefers not to wait or the decision takes longer.
 */
final class SubmitCommand implements Handler<RoutingContext> {
  private final CommandGateway gateway;
  private final Quotas quotas;
  private final CommandMetrics metrics;
  private final CommandSettings settings;

  SubmitCommand(CommandGateway gateway, Quotas quotas, CommandMetrics metrics, CommandSettings settings) {
    this.gateway = gateway;
    this.quotas = quotas;
    this.metrics = metrics;
    this.settings = settings;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Tenant tenant = ctx.get(RequestGuards.TENANT);
    OrderCommand command;
    try {
      RequestGuards.requireJson(ctx);
      throttle(quotas.take(tenant, 1), tenant);
      ObjectNode body = CommandBody.object(CommandBody.json(ctx.body().buffer()), "the body");
      CommandBody.applyIdempotencyKey(ctx.request().getHeader("Idempotency-Key"), body);
      command = CommandBody.command(tenant.id(), body, "");
    } catch (Rejection r) {
      metrics.count(tenant.id(), null, CommandMetrics.outcomeOf(r.status()));
      r.send(ctx);
      return;
    }
    Prefer prefer = Prefer.parse(ctx.request().getHeader("Prefer"), settings.waitMillis(), settings.maxWaitMillis());
    gateway.submit(command, prefer.waitMillis()).onComplete(done -> {
      CommandGateway.Answer answer = done.succeeded() ? done.result() : new CommandGateway.Answer.Unavailable(done.cause());
      respond(ctx, tenant, command, answer, prefer);
    });
  }

  static void throttle(Quotas.Verdict verdict, Tenant tenant) {
    if (verdict.neverFits()) {
      throw Rejection.field(422, "commands", "more commands in one request than tenant " + tenant.id()
          + "'s burst of " + tenant.quota().burst() + "; split it");
    }
    if (!verdict.allowed()) {
      throw Rejection.of(429, "quota-exceeded", "tenant " + tenant.id() + " may send "
          + tenant.quota().commandsPerSecond() + " commands per second (burst " + tenant.quota().burst() + ")")
          .retryAfter(verdict.retryAfterSeconds());
    }
  }

  private void respond(RoutingContext ctx, Tenant tenant, OrderCommand c, CommandGateway.Answer answer, Prefer prefer) {
    var response = ctx.response();
    String location = OutcomeAnswers.location(tenant.id(), c.commandId());
    if (answer instanceof CommandGateway.Answer.Decided decided) {
      OutcomeAnswers.Answer a = OutcomeAnswers.decided(decided.outcome());
      metrics.count(tenant.id(), c.type(), CommandMetrics.outcomeOf(a.status()));
      if (decided.outcome().repeat()) {
        response.putHeader("Idempotent-Replayed", "true");
      }
      response.setStatusCode(a.status()).putHeader("Location", location).putHeader("content-type", a.contentType())
          .end(a.body().encode());
    } else if (answer instanceof CommandGateway.Answer.Pending) {
      metrics.count(tenant.id(), c.type(), "pending");
      if (prefer.applied() != null) {
        response.putHeader("Preference-Applied", prefer.applied());
      }
      JsonObject body = OutcomeAnswers.pending(tenant.id(), c.commandId());
      response.setStatusCode(202).putHeader("Location", location).putHeader("Retry-After", "1")
          .putHeader("content-type", "application/json").end(body.encode());
    } else {
      metrics.count(tenant.id(), c.type(), "unavailable");
      OutcomeAnswers.unavailable().send(ctx);
    }
  }
}
