package io.tally.command.http;

import io.tally.service.http.Problem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A request refused with a problem body, thrown from the checks and sent by the handler that catches it. Expected
 * on bad input, so no stack trace is filled in.
 */
final class Rejection extends RuntimeException {
  private static final int MAX_DETAIL = 500;
  final Problem problem;
  final JsonObject extra;
  private String retryAfter;

  Rejection(Problem problem) {
    this(problem, new JsonObject());
  }

  Rejection(Problem problem, JsonObject extra) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.extra = extra;
  }

  static Rejection field(int status, String field, String detail) {
    return new Rejection(Problem.badField(status, field, detail));
  }

  static Rejection of(int status, String type, String detail) {
    return new Rejection(Problem.of(status, type, detail));
  }

  Rejection retryAfter(long seconds) {
    this.retryAfter = Long.toString(seconds);
    return this;
  }

  int status() {
    return problem.status();
  }

  /** The problem as JSON; details are capped, since some echo (possibly huge) input back. */
  JsonObject toJson() {
    JsonObject json = problem.toJson();
    String detail = json.getString("detail");
    if (detail != null && detail.length() > MAX_DETAIL) {
      json.put("detail", detail.substring(0, MAX_DETAIL) + "...");
    }
    return json.mergeIn(extra);
  }

  void send(RoutingContext ctx) {
    if (retryAfter != null) {
      ctx.response().putHeader("Retry-After", retryAfter);
    }
    ctx.response().setStatusCode(problem.status()).putHeader("content-type", Problem.MEDIA_TYPE)
        .end(toJson().encode());
  }
}
