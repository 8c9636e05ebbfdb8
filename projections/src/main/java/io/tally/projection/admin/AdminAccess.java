package io.tally.projection.admin;

import io.tally.service.auth.AccessAudit;
import io.tally.service.auth.BearerAuth;
import io.tally.service.auth.Caller;
import io.tally.service.http.Problem;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Who may do what on the projections admin API. A platform admin acts on everything; a tenant's admin acts only
 * on its own tenant (?tenant=X must be its own), so a tenant can rebuild, redrive and audit its own data without
 * seeing anyone else's.
 */
final class AdminAccess {
  private final AccessAudit audit;

  AdminAccess(AccessAudit audit) {
    this.audit = audit;
  }

  /**
   * The tenant the request is limited to: empty for a platform admin without ?tenant (everything). Answers 403
   * and returns null when the caller may not act; the handler must then stop.
   */
  Optional<String> scope(RoutingContext ctx) {
    Caller caller = BearerAuth.caller(ctx);
    String tenant = ctx.queryParams().get("tenant");
    if (caller.isPlatformAdmin()) {
      return Optional.ofNullable(tenant);
    }
    String own = caller.tenant();
    if (own != null && caller.roles().contains(Caller.ADMIN) && (tenant == null || tenant.equals(own))) {
      return Optional.of(own);
    }
    deny(ctx, caller, tenant == null ? "this action needs platform-admin, or a tenant admin naming its own ?tenant"
        : "the token does not grant admin on tenant " + tenant);
    return null;
  }

  /** Tenant admins may read projection status (it holds no tenant data); viewers may not. */
  boolean mayReadStatus(RoutingContext ctx) {
    Caller caller = BearerAuth.caller(ctx);
    if (caller.isPlatformAdmin() || caller.roles().contains(Caller.ADMIN)) {
      return true;
    }
    deny(ctx, caller, "projection status needs an admin role");
    return false;
  }

  boolean platformAdmin(RoutingContext ctx) {
    Caller caller = BearerAuth.caller(ctx);
    if (caller.isPlatformAdmin()) {
      return true;
    }
    deny(ctx, caller, "this action needs the platform-admin role");
    return false;
  }

  AccessAudit audit() {
    return audit;
  }

  private void deny(RoutingContext ctx, Caller caller, String detail) {
    audit.denied(ctx, caller, 403, detail);
    Problem.of(403, "forbidden", detail).send(ctx);
  }
}
