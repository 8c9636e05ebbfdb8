package io.tally.projection.admin;

import io.tally.events.Limits;
import io.tally.projection.Projections;
import io.tally.projection.replay.ReplayProgress;
import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.projection.runtime.ReplayScope;
import io.tally.service.auth.BearerAuth;
import io.tally.service.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Status of each projection, replays, and the operator's pause and resume. */
final class ProjectionRoutes {
  private final Projections projections;
  private final AdminAccess access;

  ProjectionRoutes(Projections projections, AdminAccess access) {
    this.projections = projections;
    this.access = access;
  }

  void mount(Router router) {
    router.get("/v1/admin/projections").handler(this::list);
    router.get("/v1/admin/projections/:name").handler(this::one);
    router.post("/v1/admin/projections/:name/replay").handler(this::replay);
    router.post("/v1/admin/projections/:name/pause").handler(ctx -> control(ctx, true));
    router.post("/v1/admin/projections/:name/resume").handler(ctx -> control(ctx, false));
  }

  private void list(RoutingContext ctx) {
    if (!access.mayReadStatus(ctx)) {
      return;
    }
    JsonArray all = new JsonArray();
    projections.names().forEach(name -> all.add(projections.describe(name)));
    json(ctx, 200, new JsonObject().put("projections", all));
  }

  private void one(RoutingContext ctx) {
    if (!access.mayReadStatus(ctx)) {
      return;
    }
    Optional<ProjectionRuntime> runtime = runtime(ctx);
    runtime.ifPresent(r -> json(ctx, 200, projections.describe(r.name())));
  }

  private void replay(RoutingContext ctx) {
    Optional<String> tenant = access.scope(ctx);
    if (tenant == null) {
      return;
    }
    Optional<ProjectionRuntime> runtime = runtime(ctx);
    if (runtime.isEmpty()) {
      return;
    }
    if (tenant.isPresent() && Limits.tenant(tenant.get()).isPresent()) {
      Problem.badField(400, "tenant", "not a tenant name: " + Limits.tenant(tenant.get()).get()).send(ctx);
      return;
    }
    ReplayScope scope = tenant.map(ReplayScope::tenant).orElse(ReplayScope.everything());
    String name = runtime.get().name();
    Optional<ReplayProgress> started = projections.replays().start(runtime.get(), scope,
        projections.settings().runtime(name), projections.settings().replayMaxRate(name));
    if (started.isEmpty()) {
      Problem.of(409, "replay-running", "a replay of " + name + " or a tenant erasure is running; see GET "
          + "/v1/admin/projections/" + name).send(ctx);
      return;
    }
    access.audit().adminAction(ctx, BearerAuth.caller(ctx), "projection.replay",
        new JsonObject().put("projection", name).put("scope", scope.toString()));
    ctx.response().putHeader("Location", "/v1/admin/projections/" + name);
    json(ctx, 202, started.get().toJson());
  }

  private void control(RoutingContext ctx, boolean pause) {
    if (!access.platformAdmin(ctx)) {
      return;
    }
    runtime(ctx).ifPresent(r -> {
      if (pause) {
        r.pauseAndDrain();
      } else {
        r.resume();
      }
      access.audit().adminAction(ctx, BearerAuth.caller(ctx), pause ? "projection.pause" : "projection.resume",
          new JsonObject().put("projection", r.name()));
      json(ctx, 202, new JsonObject().put("projection", r.name()).put("requested", pause ? "pause" : "resume"));
    });
  }

  private Optional<ProjectionRuntime> runtime(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Optional<ProjectionRuntime> runtime = projections.get(name);
    if (runtime.isEmpty()) {
      Problem.of(404, "not-found", "no projection '" + name + "'; running: " + projections.names()).send(ctx);
    }
    return runtime;
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encodePrettily());
  }
}
