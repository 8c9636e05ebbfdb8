package io.tally.service.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's failure handler: turns every failure into a problem body. Failures the client caused keep their
 * 4xx status and are logged quietly (vertx-web otherwise logs each 401 as an unhandled ERROR); anything else is
 * a 500 whose body reveals nothing internal.
 */
public final class ProblemFailures implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemFailures.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
    }
    if (status <= 0) {
      status = 500;
    }
    if (status >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      Problem.of(status, "internal", "the request could not be completed; it was not applied").send(ctx);
      return;
    }
    LOG.debug("{} {} -> {}", ctx.request().method(), ctx.request().path(), status);
    String detail = failure instanceof HttpException http && http.getPayload() != null
        ? http.getPayload() : defaultDetail(status);
    Problem.of(status, typeOf(status), detail).send(ctx);
  }

  private static String typeOf(int status) {
    return switch (status) {
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 413 -> "too-large";
      case 415 -> "unsupported-media-type";
      default -> "bad-request";
    };
  }

  private static String defaultDetail(int status) {
    return switch (status) {
      case 401 -> "a valid bearer token is required";
      case 403 -> "the token does not grant this action";
      case 404 -> "no such resource";
      case 405 -> "this method is not allowed here";
      case 413 -> "the request body is too large";
      case 415 -> "the body must be application/json";
      default -> "the request is not valid";
    };
  }
}
