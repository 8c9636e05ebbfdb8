package io.tally.service.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;

/**
 * Bearer tokens of the platform: a subject, the tenant it acts for and its roles (viewer, analyst, writer,
 * admin, platform-admin). Locally they are HS256 with a shared secret; a cluster configures RS256 keys instead.
 */
public final class Tokens {
  public static final String ISSUER = "tally";
  public static final String TENANT = "tenant";
  public static final String ROLES = "roles";
  public static final String SECRET_SETTING = "tally.jwt.secret";

  private final JWTAuth auth;

  private Tokens(JWTAuth auth) {
    this.auth = auth;
  }

  public static Tokens hs256(Vertx vertx, String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("the HS256 secret must have at least 32 characters");
    }
    JWTAuthOptions options = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER));
    return new Tokens(JWTAuth.create(vertx, options));
  }

  /** Tokens checked by an already configured provider (RS256 key, JWKS): see {@link TokenVerification}. */
  public static Tokens verifying(JWTAuth auth) {
    return new Tokens(auth);
  }

  public JWTAuth provider() {
    return auth;
  }

  /** tenant may be null for a platform admin, whose reach is every tenant. */
  public String issue(String subject, String tenant, List<String> roles, int ttlSeconds) {
    JsonObject claims = new JsonObject().put(ROLES, new JsonArray(roles));
    if (tenant != null) {
      claims.put(TENANT, tenant);
    }
    return auth.generateToken(claims, new JWTOptions()
        .setAlgorithm("HS256").setIssuer(ISSUER).setSubject(subject).setExpiresInSeconds(ttlSeconds));
  }
}
