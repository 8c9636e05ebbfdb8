package io.tally.projection.admin;

import io.tally.projection.Projections;
import io.tally.service.auth.AccessAudit;
import io.tally.service.auth.BearerAuth;
import io.tally.service.auth.Tokens;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Mounts the admin API under /v1/admin, every route behind a verified bearer token. */
public final class AdminApi {
  private AdminApi() {}

  public static void mount(Vertx vertx, Router router, Projections projections, Tokens tokens, AccessAudit audit) {
    router.route("/v1/admin/*").handler(new BearerAuth(tokens, audit));
    AdminAccess access = new AdminAccess(audit);
    new ProjectionRoutes(projections, access).mount(router);
    new DeadLetterRoutes(vertx, projections, access).mount(router);
    new AuditRoutes(vertx, projections, access).mount(router);
    new ErasureRoutes(projections, access).mount(router);
  }
}
