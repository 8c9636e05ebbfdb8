package io.tally.query.live;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Browsers cannot set an Authorization header on a WebSocket, so /live also takes the token as the subprotocol
 * pair {@code Sec-WebSocket-Protocol: bearer, <jwt>} (the server answers "bearer") or, for clients that can do
 * neither, as {@code ?access_token=}. This handler moves it into the Authorization header so that the one
 * BearerAuth verifies every token the same way (and audits refusals); it trusts nothing itself.
 */
public final class LiveTokens implements Handler<RoutingContext> {
  public static final String SUBPROTOCOL = "bearer";

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().getHeader("Authorization") == null) {
      String token = fromSubprotocols(ctx.request().getHeader("Sec-WebSocket-Protocol"));
      if (token == null) {
        token = ctx.queryParams().get("access_token");
      }
      if (token != null && !token.isBlank()) {
        ctx.request().headers().set("Authorization", "Bearer " + token.strip());
      }
    }
    ctx.next();
  }

  static String fromSubprotocols(String header) {
    if (header == null) {
      return null;
    }
    String[] parts = header.split(",");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].strip().equalsIgnoreCase(SUBPROTOCOL)) {
        return parts[i + 1].strip();
      }
    }
    return null;
  }

  /** The exp claim (epoch seconds) of the token BearerAuth has already verified, or 0 when it has none. */
  static long expiry(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String[] parts = header.substring(7).strip().split("\\.");
    if (parts.length < 2) {
      return 0;
    }
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    return claims.getLong("exp", 0L);
  }
}
