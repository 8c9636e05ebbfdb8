package io.tally.service.auth;

import io.tally.service.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards a route under /v1/tenants/{tenant}: the caller's token must reach that tenant with one of the roles.
 * A refusal is a 403 problem body and an audit record; the handler behind it never runs.
 */
public final class TenantAccess implements Handler<RoutingContext> {
  private final AccessAudit audit;
  private final String[] roles;

  private TenantAccess(AccessAudit audit, String... roles) {
    this.audit = audit;
    this.roles = roles;
  }

  public static TenantAccess requiring(AccessAudit audit, String... anyOfRoles) {
    return new TenantAccess(audit, anyOfRoles);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = BearerAuth.caller(ctx);
    String tenant = ctx.pathParam("tenant");
    if (tenant == null || !caller.may(tenant, roles)) {
      String detail = "the token does not grant " + String.join(" or ", roles) + " on tenant " + tenant;
      audit.denied(ctx, caller, 403, detail);
      Problem.of(403, "forbidden", detail).send(ctx);
      return;
    }
    ctx.next();
  }

  /** For platform-wide routes (tenant catalog, replays of every tenant). */
  public static Handler<RoutingContext> platformAdmin(AccessAudit audit) {
    return ctx -> {
      Caller caller = BearerAuth.caller(ctx);
      if (!caller.isPlatformAdmin()) {
        audit.denied(ctx, caller, 403, "platform-admin required");
        Problem.of(403, "forbidden", "this action needs the platform-admin role").send(ctx);
        return;
      }
      ctx.next();
    };
  }
}
