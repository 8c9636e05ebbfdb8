package io.tally.projection.admin;

import io.tally.events.Limits;
import io.tally.projection.Projections;
import io.tally.projection.erasure.ErasureStatus;
import io.tally.service.auth.BearerAuth;
import io.tally.service.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * DELETE /v1/admin/tenants/{tenant}/data erases a tenant from every store and the catalog (platform-admin only;
 * see TenantErasure); GET on the same path says where an erasure stands. 200 when every store is done, 202 when
 * the lake's part waits for the next lake run (Location: the GET).
 */
final class ErasureRoutes {
  private final Projections projections;
  private final AdminAccess access;

  ErasureRoutes(Projections projections, AdminAccess access) {
    this.projections = projections;
    this.access = access;
  }

  void mount(Router router) {
    router.delete("/v1/admin/tenants/:tenant/data").handler(this::erase);
    router.get("/v1/admin/tenants/:tenant/data").handler(this::status);
  }

  private void erase(RoutingContext ctx) {
    String tenant = tenant(ctx);
    if (tenant == null) {
      return;
    }
    Optional<Future<JsonObject>> started = projections.erasure().start(tenant);
    if (started.isEmpty()) {
      Problem.of(409, "erasure-blocked", "a replay or another tenant erasure is running; try again when it has "
          + "finished (GET /v1/admin/projections)").send(ctx);
      return;
    }
    access.audit().adminAction(ctx, BearerAuth.caller(ctx), "tenant.erase", new JsonObject().put("tenant", tenant));
    started.get().onSuccess(report -> {
      boolean complete = report.getBoolean("complete");
      if (!complete) {
        ctx.response().putHeader("Location", ctx.request().path());
      }
      ProjectionRoutes.json(ctx, complete ? 200 : 202, report);
    }).onFailure(e -> Problem.of(503, "erasure-failed", "the erasure of " + tenant + " did not finish (" + e
        + "); it is idempotent: run it again").send(ctx));
  }

  private void status(RoutingContext ctx) {
    String tenant = tenant(ctx);
    if (tenant == null) {
      return;
    }
    ErasureStatus.of(projections.postgres(), tenant).onSuccess(status -> {
      if (status.isEmpty()) {
        Problem.of(404, "not-found", "tenant " + tenant + " was not erased").send(ctx);
      } else {
        ProjectionRoutes.json(ctx, 200, status.get());
      }
    }).onFailure(ctx::fail);
  }

  /** The path's tenant when the caller is a platform admin and the id is valid; null after answering. */
  private String tenant(RoutingContext ctx) {
    if (!access.platformAdmin(ctx)) {
      return null;
    }
    String tenant = ctx.pathParam("tenant");
    Optional<String> invalid = Limits.tenant(tenant).map(v -> v.message());
    if (invalid.isPresent()) {
      Problem.badField(400, "tenant", "tenant " + invalid.get()).send(ctx);
      return null;
    }
    return tenant;
  }
}
