package io.tally.service.auth;

import io.tally.service.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies the bearer token (signature, issuer, expiry) and puts the {@link Caller} in the routing context.
 * Missing, malformed, forged or expired tokens all answer 401 with a problem body; nothing else runs.
 */
public final class BearerAuth implements Handler<RoutingContext> {
  private static final String KEY = "tally.caller";
  private final Tokens tokens;
  private final AccessAudit audit;

  public BearerAuth(Tokens tokens, AccessAudit audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  public static Caller caller(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("BearerAuth must run before " + ctx.request().path());
    }
    return caller;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() < 8) {
      refuse(ctx, "a bearer token is required (Authorization: Bearer <jwt>)");
      return;
    }
    tokens.provider().authenticate(new TokenCredentials(header.substring(7).trim()))
        .onSuccess(user -> {
          if (!Tokens.ISSUER.equals(user.principal().getString("iss"))) {
            refuse(ctx, "the token was not issued by this platform");
            return;
          }
          ctx.put(KEY, Caller.fromClaims(user.principal()));
          ctx.next();
        })
        .onFailure(e -> refuse(ctx, "the token is invalid or expired"));
  }

  private void refuse(RoutingContext ctx, String detail) {
    audit.denied(ctx, null, 401, detail);
    Problem.of(401, "unauthenticated", detail).send(ctx);
  }
}
