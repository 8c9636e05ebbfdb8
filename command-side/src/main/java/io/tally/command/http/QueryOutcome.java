package io.tally.command.http;

import io.tally.command.CommandSettings;
import io.tally.command.tenants.Tenant;
import io.tally.events.Limits;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /v1/tenants/{tenant}/commands/{commandId}: 200 with the outcome document (accepted or rejected), 202 while
 * this instance still waits for it, 404 when no such command was decided for this tenant.
 */
final class QueryOutcome implements Handler<RoutingContext> {
  private final CommandGateway gateway;
  private final CommandSettings settings;

  QueryOutcome(CommandGateway gateway, CommandSettings settings) {
    this.gateway = gateway;
    this.settings = settings;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Tenant tenant = ctx.get(RequestGuards.TENANT);
    String commandId = ctx.pathParam("commandId");
    var bad = Limits.id("commandId", commandId);
    if (bad.isPresent()) {
      Rejection.field(400, "commandId", bad.get().message()).send(ctx);
      return;
    }
    Prefer prefer = Prefer.parse(ctx.request().getHeader("Prefer"), settings.waitMillis(), settings.maxWaitMillis());
    gateway.find(tenant.id(), commandId, Math.max(1, prefer.waitMillis())).onComplete(found -> {
      if (found.failed()) {
        RequestGuards.unavailable("the outcome store").send(ctx);
      } else if (found.result().isEmpty()) {
        Rejection.of(404, "unknown-command", "no command " + commandId + " has been decided for tenant "
            + tenant.id() + "; a command accepted with 202 moments ago may still be on its way").send(ctx);
      } else if (found.result().get() instanceof CommandGateway.Answer.Decided d) {
        ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
            .end(OutcomeAnswers.body(d.outcome()).encode());
      } else {
        ctx.response().setStatusCode(202).putHeader("Retry-After", "1").putHeader("content-type", "application/json")
            .end(OutcomeAnswers.pending(tenant.id(), commandId).encode());
      }
    });
  }
}
