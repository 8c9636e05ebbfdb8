package io.tally.projection.admin;

import io.tally.projection.Projections;
import io.tally.projection.dlq.DeadLetterEntry;
import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.service.auth.BearerAuth;
import io.tally.service.http.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/** Lists pending dead letters and redrives them. Reading the DLQ is blocking, so it runs on a worker. */
final class DeadLetterRoutes {
  private final Vertx vertx;
  private final Projections projections;
  private final AdminAccess access;

  DeadLetterRoutes(Vertx vertx, Projections projections, AdminAccess access) {
    this.vertx = vertx;
    this.projections = projections;
    this.access = access;
  }

  void mount(Router router) {
    router.get("/v1/admin/dead-letters").handler(this::list);
    router.post("/v1/admin/dead-letters/redrive").handler(this::redrive);
  }

  private void list(RoutingContext ctx) {
    Optional<String> tenant = access.scope(ctx);
    if (tenant == null) {
      return;
    }
    String projection = ctx.queryParams().get("projection");
    int limit = limit(ctx);
    if (limit < 0) {
      return;
    }
    vertx.executeBlocking(() -> projections.deadLetters().pending(projection), false)
        .onSuccess(all -> {
          List<DeadLetterEntry> visible = all.stream()
              .filter(e -> tenant.isEmpty() || tenant.get().equals(e.tenant())).toList();
          JsonArray entries = new JsonArray();
          visible.stream().limit(limit).forEach(e -> entries.add(e.toJson()));
          ProjectionRoutes.json(ctx, 200, new JsonObject().put("pending", visible.size()).put("listed", entries.size())
              .put("entries", entries));
        })
        .onFailure(ctx::fail);
  }

  private void redrive(RoutingContext ctx) {
    Optional<String> tenant = access.scope(ctx);
    if (tenant == null) {
      return;
    }
    String name = ctx.queryParams().get("projection");
    if (name == null) {
      Problem.badField(400, "projection", "name the projection to redrive into: ?projection=" + projections.names())
          .send(ctx);
      return;
    }
    Optional<ProjectionRuntime> runtime = projections.get(name);
    if (runtime.isEmpty()) {
      Problem.of(404, "not-found", "no projection '" + name + "'").send(ctx);
      return;
    }
    access.audit().adminAction(ctx, BearerAuth.caller(ctx), "dead-letters.redrive",
        new JsonObject().put("projection", name).put("tenant", tenant.orElse(null)));
    vertx.executeBlocking(() -> projections.redrive().run(runtime.get().sink(), tenant.orElse(null)), false)
        .onSuccess(result -> ProjectionRoutes.json(ctx, 200, result))
        .onFailure(ctx::fail);
  }

  private static int limit(RoutingContext ctx) {
    String value = ctx.queryParams().get("limit");
    try {
      int limit = value == null ? 100 : Integer.parseInt(value);
      if (limit >= 0 && limit <= 10_000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    Problem.badField(400, "limit", "limit must be a whole number from 0 to 10000").send(ctx);
    return -1;
  }
}
