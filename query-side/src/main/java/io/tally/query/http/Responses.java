package io.tally.query.http;

import io.tally.service.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the REST handlers answer: JSON on success, a problem body for a caller's mistake or a store that failed. */
public final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store").end(body.encode());
  }

  /**
   * A handler whose work is a future of the body. A bad parameter becomes a 400 naming it; a store failure a 503
   * (the view is behind a dependency that may come back) whose body reveals nothing internal.
   */
  public static Handler<RoutingContext> answering(Function<RoutingContext, Future<JsonObject>> work) {
    return ctx -> {
      Future<JsonObject> result;
      try {
        result = work.apply(ctx);
      } catch (InvalidParam e) {
        e.problem().send(ctx);
        return;
      }
      result.onSuccess(body -> {
        if (!ctx.response().ended()) {
          json(ctx, 200, body);
        }
      }).onFailure(e -> fail(ctx, e));
    };
  }

  static void fail(RoutingContext ctx, Throwable e) {
    if (ctx.response().ended()) {
      return;
    }
    if (e instanceof InvalidParam invalid) {
      invalid.problem().send(ctx);
    } else if (e instanceof NotFound missing) {
      Problem.of(404, "not-found", missing.getMessage()).send(ctx);
    } else {
      LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), e.toString());
      Problem.of(503, "store-unavailable", "the view could not be read right now; try again shortly").send(ctx);
    }
  }

  /** The resource does not exist for this tenant (which, under row-level security, includes other tenants'). */
  public static final class NotFound extends RuntimeException {
    public NotFound(String message) {
      super(message, null, false, false);
    }
  }
}
