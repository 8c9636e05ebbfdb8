package io.tally.projection.admin;

import io.tally.projection.Projections;
import io.tally.service.auth.BearerAuth;
import io.tally.service.http.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GET /v1/admin/audit: the consistency auditor on demand. It reads the whole log, so one audit runs at a time
 * (409 while one is running) on a worker.
 */
final class AuditRoutes {
  private final Vertx vertx;
  private final Projections projections;
  private final AdminAccess access;
  private final AtomicBoolean running = new AtomicBoolean();

  AuditRoutes(Vertx vertx, Projections projections, AdminAccess access) {
    this.vertx = vertx;
    this.projections = projections;
    this.access = access;
  }

  void mount(Router router) {
    router.get("/v1/admin/audit").handler(this::audit);
  }

  private void audit(RoutingContext ctx) {
    Optional<String> tenant = access.scope(ctx);
    if (tenant == null) {
      return;
    }
    if (!running.compareAndSet(false, true)) {
      Problem.of(409, "audit-running", "an audit is running; try again when it has finished").send(ctx);
      return;
    }
    access.audit().adminAction(ctx, BearerAuth.caller(ctx), "audit",
        new JsonObject().put("tenant", tenant.orElse(null)));
    vertx.executeBlocking(() -> projections.auditor().run(tenant.orElse(null)), false)
        .onComplete(ar -> running.set(false))
        .onSuccess(report -> ProjectionRoutes.json(ctx, 200, report))
        .onFailure(ctx::fail);
  }
}
