package io.tally.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokensTest {
  private final Vertx vertx = Vertx.vertx();
  private static final String SECRET = "0123456789abcdef0123456789abcdef-local";

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void issuedTokenCarriesTenantAndRoles() throws Exception {
    Tokens tokens = Tokens.hs256(vertx, SECRET);
    String jwt = tokens.issue("alice", "acme", List.of("writer"), 60);
    User user = authenticate(tokens, jwt);
    assertThat(user.principal().getString(Tokens.TENANT)).isEqualTo("acme");
    assertThat(user.principal().getJsonArray(Tokens.ROLES).getList()).containsExactly("writer");
    assertThat(user.principal().getString("sub")).isEqualTo("alice");
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() {
    String forged = Tokens.hs256(vertx, SECRET.replace('0', 'x')).issue("mallory", "acme", List.of("admin"), 60);
    assertThatThrownBy(() -> authenticate(Tokens.hs256(vertx, SECRET), forged))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void expiredTokenIsRefused() {
    Tokens tokens = Tokens.hs256(vertx, SECRET);
    long twoMinutesAgo = System.currentTimeMillis() / 1000 - 120;
    String expired = tokens.provider().generateToken(
        new JsonObject().put("sub", "alice").put(Tokens.TENANT, "acme").put("exp", twoMinutesAgo)
            .put("iss", Tokens.ISSUER),
        new JWTOptions().setAlgorithm("HS256"));
    assertThat(expired).isNotBlank();
    assertThatThrownBy(() -> authenticate(tokens, expired)).isInstanceOf(ExecutionException.class);
  }

  @Test
  void shortSecretIsRejectedUpFront() {
    assertThatThrownBy(() -> Tokens.hs256(vertx, "short")).hasMessageContaining("32");
  }

  private static User authenticate(Tokens tokens, String jwt) throws Exception {
    return tokens.provider().authenticate(new TokenCredentials(jwt))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
