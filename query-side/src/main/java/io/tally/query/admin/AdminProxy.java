package io.tally.query.admin;

import io.tally.service.auth.AccessAudit;
import io.tally.service.auth.BearerAuth;
import io.tally.service.auth.Caller;
import io.tally.service.http.Problem;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;

/**
 * The projections admin API (status, lag, dead letters, replays) under the dashboard's own origin: the browser
 * talks to one host, and the query side forwards to {@code tally.projections.url} with the caller's own bearer
 * token, so the projections service makes the final decision with its own audit. In front of it this proxy is a
 * first wall: only admins pass, a tenant admin only for its own ?tenant, and every change is audited here too.
 */
public final class AdminProxy implements Handler<RoutingContext> {
  private static final long TIMEOUT_MS = 30_000;

  private final WebClient client;
  private final URI base;
  private final AccessAudit audit;

  public AdminProxy(WebClient client, String projectionsUrl, AccessAudit audit) {
    this.client = client;
    this.base = URI.create(projectionsUrl.endsWith("/") ? projectionsUrl.substring(0, projectionsUrl.length() - 1)
        : projectionsUrl);
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = BearerAuth.caller(ctx);
    // A tenant named in the path (a tenant's erasure) is checked like one named in ?tenant.
    String tenant = ctx.pathParam("tenant") != null ? ctx.pathParam("tenant") : ctx.queryParams().get("tenant");
    String refusal = refusal(caller, tenant);
    if (refusal != null) {
      audit.denied(ctx, caller, 403, refusal);
      Problem.of(403, "forbidden", refusal).send(ctx);
      return;
    }
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET) {
      audit.adminAction(ctx, caller, "proxy " + method.name() + " " + ctx.request().path(),
          new JsonObject().put("tenant", tenant).put("query", ctx.request().query()));
    }
    String uri = ctx.request().uri();
    HttpRequest<Buffer> request = client.requestAbs(method, base + uri).timeout(TIMEOUT_MS)
        .putHeader("Authorization", ctx.request().getHeader("Authorization"));
    String type = ctx.request().getHeader("Content-Type");
    if (type != null) {
      request.putHeader("Content-Type", type);
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    (body == null ? request.send() : request.sendBuffer(body)).onComplete(ar -> {
      if (ar.failed()) {
        Problem.of(503, "projections-unavailable", "the projections admin API does not answer right now").send(ctx);
        return;
      }
      MultiMap headers = ar.result().headers();
      ctx.response().setStatusCode(ar.result().statusCode());
      for (String name : new String[] {"Content-Type", "Location", "Retry-After"}) {
        if (headers.get(name) != null) {
          ctx.response().putHeader(name, headers.get(name));
        }
      }
      Buffer answer = ar.result().body();
      ctx.response().putHeader("cache-control", "no-store").end(answer == null ? Buffer.buffer() : answer);
    });
  }

  /** Why the caller may not use the admin API for this tenant, or null when it may. */
  static String refusal(Caller caller, String tenant) {
    if (caller.isPlatformAdmin()) {
      return null;
    }
    if (!caller.roles().contains(Caller.ADMIN) || caller.tenant() == null) {
      return "the admin views need the admin role";
    }
    if (tenant != null && !tenant.equals(caller.tenant())) {
      return "the token does not grant admin on tenant " + tenant;
    }
    return null;
  }
}
