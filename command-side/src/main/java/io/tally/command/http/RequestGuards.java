package io.tally.command.http;

import io.tally.command.tenants.Tenant;
import io.tally.command.tenants.TenantDirectory;
import io.tally.events.Limits;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The cheap checks every command route runs, each one reason to refuse, in the order the routes chain them. */
final class RequestGuards {
  static final String TENANT = "tally.tenant";
  static final String ROUTE = "tally.route";

  private RequestGuards() {}

  /** Names the route for metrics, whatever the path's parameters. */
  static Handler<RoutingContext> named(String route) {
    return ctx -> {
      ctx.put(ROUTE, route);
      ctx.next();
    };
  }

  /** 413 before reading a byte of a body that says it is too large. */
  static Handler<RoutingContext> declaredSize(long max) {
    return ctx -> {
      String length = ctx.request().getHeader("Content-Length");
      if (length != null) {
        long declared;
        try {
          declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
          Rejection.of(400, "bad-request", "Content-Length is not a number").send(ctx);
          return;
        }
        if (declared > max) {
          ctx.response().putHeader("Connection", "close");
          Rejection.of(413, "too-large", "the body is " + declared + " bytes; the limit is " + max).send(ctx);
          return;
        }
      }
      ctx.next();
    };
  }

  /** 415 unless the body is JSON (parameters such as charset are fine). */
  static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String bare = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase();
    if (!bare.equals("application/json")) {
      throw Rejection.of(415, "unsupported-media-type",
          "the body must be application/json, not " + (type == null ? "untyped" : "'" + type + "'"));
    }
  }

  /** 400 for a tenant id that cannot exist; checked before access so the answer names the field. */
  static Handler<RoutingContext> tenantPath() {
    return ctx -> {
      String tenant = ctx.pathParam("tenant");
      var violation = Limits.tenant(tenant);
      if (violation.isPresent()) {
        Rejection.field(400, "tenant", violation.get().message()).send(ctx);
        return;
      }
      ctx.next();
    };
  }

  /** 503 when a store the answer depends on is down: not the caller's fault, and worth a retry. */
  static Rejection unavailable(String what) {
    return Rejection.of(503, "unavailable", what + " is unavailable right now; nothing was changed, retry later")
        .retryAfter(2);
  }

  /** 404 for a tenant the catalog does not know; otherwise puts the tenant in the context. */
  static Handler<RoutingContext> tenantKnown(TenantDirectory directory) {
    return ctx -> {
      String id = ctx.pathParam("tenant");
      directory.find(id).onComplete(found -> {
        if (found.failed()) {
          unavailable("the tenant catalog").send(ctx);
        } else if (found.result().isEmpty()) {
          Rejection.of(404, "unknown-tenant", "there is no tenant '" + id + "'").send(ctx);
        } else {
          Tenant tenant = found.result().get();
          ctx.put(TENANT, tenant);
          ctx.next();
        }
      });
    };
  }
}
