package io.tally.query.http;

import io.tally.events.Limits;
import io.tally.service.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a {tenant} that is not a tenant name before anything reads a store with it. Matters for platform
 * admins, whose tokens reach any path; a tenant token's mismatch is refused by TenantAccess anyway.
 */
public final class TenantPath implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    var violation = Limits.tenant(ctx.pathParam("tenant"));
    if (violation.isPresent()) {
      Problem.badField(400, "tenant", "tenant " + violation.get().message()).send(ctx);
      return;
    }
    ctx.next();
  }
}
