package io.tally.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.service.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A cluster verifies RS256 tokens from its identity provider: by a configured public key or a JWKS URL. */
class TokenVerificationTest {
  private final Vertx vertx = Vertx.vertx();
  private final KeyPair keys = rsa();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void anRs256PublicKeyVerifiesTokensSignedWithItsPrivateKey() throws Exception {
    Tokens tokens = await(TokenVerification.fromSettings(vertx, settings(Map.of("TALLY_JWT_PUBLIC_KEY",
        pem("PUBLIC KEY", keys.getPublic().getEncoded())))));
    User user = await(tokens.provider().authenticate(new TokenCredentials(sign(keys, null))));
    assertThat(user.principal().getString("tenant")).isEqualTo("acme");
    assertThat(failure(tokens, sign(rsa(), null))).as("signed by another key").isNotNull();
  }

  @Test
  void aJwksUrlVerifiesTokensByKeyId() throws Exception {
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("kid", "k1").put("alg", "RS256").put("use", "sig")
        .put("n", b64.encodeToString(unsigned(pub.getModulus().toByteArray())))
        .put("e", b64.encodeToString(unsigned(pub.getPublicExponent().toByteArray())));
    HttpServer server = await(vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("keys", new JsonArray().add(jwk)).encode())).listen(0));
    Tokens tokens = await(TokenVerification.fromSettings(vertx, settings(Map.of("TALLY_JWT_JWKS_URL",
        "http://127.0.0.1:" + server.actualPort() + "/jwks"))));
    User user = await(tokens.provider().authenticate(new TokenCredentials(sign(keys, "k1"))));
    assertThat(user.principal().getString("tenant")).isEqualTo("acme");
    assertThat(failure(tokens, sign(rsa(), "k1"))).isNotNull();
    assertThatThrownBy(() -> tokens.issue("x", "acme", java.util.List.of(), 60))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theSharedSecretStillWorksAndNothingConfiguredFailsToStart() throws Exception {
    String secret = "0123456789abcdef0123456789abcdef-local";
    Tokens tokens = await(TokenVerification.fromSettings(vertx, settings(Map.of("TALLY_JWT_SECRET", secret))));
    String jwt = tokens.issue("alice", "acme", java.util.List.of("writer"), 60);
    assertThat(await(tokens.provider().authenticate(new TokenCredentials(jwt))).principal().getString("sub"))
        .isEqualTo("alice");
    assertThatThrownBy(() -> await(TokenVerification.fromSettings(vertx, settings(Map.of()))))
        .hasMessageContaining("no token verification configured");
  }

  private String sign(KeyPair pair, String kid) {
    PubSecKeyOptions key = new PubSecKeyOptions().setAlgorithm("RS256")
        .setBuffer(pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    if (kid != null) {
      key.setId(kid);
    }
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key));
    JWTOptions options = new JWTOptions().setAlgorithm("RS256").setIssuer(Tokens.ISSUER).setSubject("idp-user")
        .setExpiresInSeconds(60);
    if (kid != null) {
      options.setHeader(new JsonObject().put("kid", kid));
    }
    return signer.generateToken(new JsonObject().put("tenant", "acme").put("roles", new JsonArray().add("writer")),
        options);
  }

  private static Settings settings(Map<String, String> env) {
    return new Settings(env);
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] unsigned(byte[] bytes) {
    return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static Throwable failure(Tokens tokens, String jwt) {
    try {
      await(tokens.provider().authenticate(new TokenCredentials(jwt)));
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
