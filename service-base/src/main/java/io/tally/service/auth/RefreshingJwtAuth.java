package io.tally.service.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JWT verifier whose keys can be swapped while it is in use: a JWKS refresh replaces the inner provider
 * atomically, so key rotation at the identity provider needs no restart. Verification only.
 */
final class RefreshingJwtAuth implements JWTAuth {
  private final AtomicReference<JWTAuth> current;

  RefreshingJwtAuth(JWTAuth initial) {
    this.current = new AtomicReference<>(initial);
  }

  void replace(JWTAuth next) {
    current.set(next);
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    return current.get().authenticate(credentials);
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    throw new UnsupportedOperationException("a JWKS-configured service verifies tokens; it does not issue them");
  }

  @Override
  public String generateToken(JsonObject claims) {
    throw new UnsupportedOperationException("a JWKS-configured service verifies tokens; it does not issue them");
  }
}
