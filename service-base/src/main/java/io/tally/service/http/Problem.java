package io.tally.service.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem body. Every error a service answers has this shape, and a caller's mistake always names
 * the field at fault, so a client can show it next to the input.
 */
public record Problem(int status, String type, String title, String detail, String field) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(int status, String type, String detail) {
    return new Problem(status, type, titleOf(status), detail, null);
  }

  public static Problem badField(int status, String field, String detail) {
    return new Problem(status, "invalid-field", titleOf(status), detail, field);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", "https://tally.dev/problems/" + type)
        .put("title", title)
        .put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (field != null) {
      json.put("field", field);
    }
    return json;
  }

  public Future<Void> send(RoutingContext ctx) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", MEDIA_TYPE)
        .end(toJson().encode());
  }

  static String titleOf(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
