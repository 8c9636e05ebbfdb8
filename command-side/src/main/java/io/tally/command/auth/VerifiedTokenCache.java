package io.tally.command.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers tokens that verified, so a client sending the same bearer token thousands of times a second costs
 * one signature check and one claims parse, not thousands. Only successes are kept, each until the token's own
 * expiry and never longer than {@value #MAX_AGE_MILLIS} ms (so a key rotated out at the identity provider stops
 * working within a minute); failures always go to the real verifier.
 */
public final class VerifiedTokenCache implements JWTAuth {
  static final long MAX_AGE_MILLIS = 60_000;
  private static final int MAX_ENTRIES = 10_000;
  private final JWTAuth verifier;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(User user, long untilMillis) {}

  public VerifiedTokenCache(JWTAuth verifier) {
    this(verifier, System::currentTimeMillis);
  }

  VerifiedTokenCache(JWTAuth verifier, LongSupplier clock) {
    this.verifier = verifier;
    this.clock = clock;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token) || token.getToken() == null) {
      return verifier.authenticate(credentials);
    }
    long now = clock.getAsLong();
    Verified hit = verified.get(token.getToken());
    if (hit != null && hit.untilMillis() > now) {
      return Future.succeededFuture(hit.user());
    }
    return verifier.authenticate(credentials).onSuccess(user -> remember(token.getToken(), user, now));
  }

  private void remember(String token, User user, long now) {
    // vertx-auth-jwt keeps the standard claims (exp among them) in the attributes, the rest in the principal.
    Long exp = user.attributes().getLong("exp", user.principal().getLong("exp"));
    long until = Math.min(now + MAX_AGE_MILLIS, exp == null ? now : exp * 1000);
    if (until <= now) {
      return;
    }
    if (verified.size() >= MAX_ENTRIES) {
      verified.clear(); // crude but bounded; a full cache means many distinct tokens, each still verifiable
    }
    verified.put(token, new Verified(user, until));
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    return verifier.generateToken(claims, options);
  }

  @Override
  public String generateToken(JsonObject claims) {
    return verifier.generateToken(claims);
  }
}
