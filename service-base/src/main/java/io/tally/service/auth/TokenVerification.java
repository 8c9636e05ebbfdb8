package io.tally.service.auth;

import io.tally.service.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a service verifies bearer tokens, from settings. First match wins:
 * <ul>
 *   <li>{@value #JWKS_URL}: RS256/ES256 keys fetched from a JWKS endpoint, refreshed every
 *       {@value #JWKS_REFRESH} ms (default 300000) so the identity provider can rotate keys;</li>
 *   <li>{@value #PUBLIC_KEY}: one RS256 public key, as PEM text or the path of a PEM file;</li>
 *   <li>{@value Tokens#SECRET_SETTING}: the HS256 shared secret (the local platform and its dev tokens).</li>
 * </ul>
 * Tokens must still carry iss=tally and the tenant and roles claims; BearerAuth checks them the same way.
 */
public final class TokenVerification {
  public static final String JWKS_URL = "tally.jwt.jwks-url";
  public static final String JWKS_REFRESH = "tally.jwt.jwks-refresh-ms";
  public static final String PUBLIC_KEY = "tally.jwt.public-key";
  private static final Logger LOG = LoggerFactory.getLogger(TokenVerification.class);

  private TokenVerification() {}

  public static Future<Tokens> fromSettings(Vertx vertx, Settings settings) {
    var jwks = settings.find(JWKS_URL);
    if (jwks.isPresent()) {
      return fromJwks(vertx, jwks.get(), settings.getInt(JWKS_REFRESH, 300_000));
    }
    var key = settings.find(PUBLIC_KEY);
    if (key.isPresent()) {
      JWTAuthOptions options = options().addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256")
          .setBuffer(pem(key.get())));
      return Future.succeededFuture(Tokens.verifying(JWTAuth.create(vertx, options)));
    }
    var secret = settings.find(Tokens.SECRET_SETTING);
    if (secret.isPresent()) {
      return Future.succeededFuture(Tokens.hs256(vertx, secret.get()));
    }
    return Future.failedFuture(new IllegalStateException("no token verification configured: set " + JWKS_URL
        + ", " + PUBLIC_KEY + " or " + Tokens.SECRET_SETTING));
  }

  private static Future<Tokens> fromJwks(Vertx vertx, String url, long refreshMillis) {
    WebClient client = WebClient.create(vertx);
    return fetch(vertx, client, url).map(first -> {
      RefreshingJwtAuth auth = new RefreshingJwtAuth(first);
      vertx.setPeriodic(refreshMillis, id -> fetch(vertx, client, url)
          .onSuccess(auth::replace)
          .onFailure(e -> LOG.warn("JWKS refresh from {} failed, keeping the current keys: {}", url, e.toString())));
      return Tokens.verifying(auth);
    });
  }

  private static Future<JWTAuth> fetch(Vertx vertx, WebClient client, String url) {
    return client.getAbs(url).send().map(response -> {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("JWKS " + url + " answered " + response.statusCode());
      }
      JWTAuthOptions options = options();
      for (Object key : response.bodyAsJsonObject().getJsonArray("keys")) {
        options.addJwk((JsonObject) key);
      }
      return JWTAuth.create(vertx, options);
    });
  }

  private static JWTAuthOptions options() {
    return new JWTAuthOptions().setJWTOptions(new JWTOptions().setIssuer(Tokens.ISSUER));
  }

  private static String pem(String value) {
    if (value.contains("-----BEGIN")) {
      return value;
    }
    try {
      return Files.readString(Path.of(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the public key file " + value, e);
    }
  }
}
