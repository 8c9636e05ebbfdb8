package io.tally.command.it;

import io.tally.service.auth.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Tokens an attacker or a broken client would send: forged, expired, unsigned, from another issuer. */
final class HostileTokens {
  private final Vertx vertx;

  HostileTokens(Vertx vertx) {
    this.vertx = vertx;
  }

  String forged(String tenant) {
    return Tokens.hs256(vertx, "another-secret-another-secret-another-secret").issue("mallory", tenant,
        List.of("writer"), 3600);
  }

  String expired(String tenant) {
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = new JsonObject().put("tenant", tenant).put("roles", new JsonArray().add("writer"))
        .put("iat", now - 7200).put("exp", now - 3600);
    return signer().generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer(Tokens.ISSUER)
        .setSubject("late").setNoTimestamp(true));
  }

  String otherIssuer(String tenant) {
    JsonObject claims = new JsonObject().put("tenant", tenant).put("roles", new JsonArray().add("writer"));
    return signer().generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer("evil")
        .setSubject("eve").setExpiresInSeconds(600));
  }

  /** alg=none with no signature: must never be accepted. */
  static String unsigned(String tenant) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(("{\"iss\":\"tally\",\"sub\":\"x\",\"tenant\":\"" + tenant
        + "\",\"roles\":[\"admin\"],\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}")
        .getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".";
  }

  private JWTAuth signer() {
    return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
        .setBuffer(CommandSide.SECRET)));
  }
}
