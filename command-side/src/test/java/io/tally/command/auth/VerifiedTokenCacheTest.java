package io.tally.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
  private final AtomicInteger checks = new AtomicInteger();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final VerifiedTokenCache cache = new VerifiedTokenCache(new CountingVerifier(), now::get);

  @Test
  void aVerifiedTokenIsCheckedOnceWhileFresh() {
    cache.authenticate(new TokenCredentials("good"));
    cache.authenticate(new TokenCredentials("good"));
    assertThat(checks.get()).isEqualTo(1);
    now.addAndGet(VerifiedTokenCache.MAX_AGE_MILLIS + 1);
    cache.authenticate(new TokenCredentials("good"));
    assertThat(checks.get()).isEqualTo(2);
  }

  @Test
  void neverPastTheTokensExpiry() {
    cache.authenticate(new TokenCredentials("short"));
    now.addAndGet(6_000);
    cache.authenticate(new TokenCredentials("short"));
    assertThat(checks.get()).isEqualTo(2);
  }

  @Test
  void failuresAreNeverRemembered() {
    assertThat(cache.authenticate(new TokenCredentials("bad")).failed()).isTrue();
    assertThat(cache.authenticate(new TokenCredentials("bad")).failed()).isTrue();
    assertThat(checks.get()).isEqualTo(2);
  }

  @Test
  void worksWithTheRealVerifiersUserShape() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      io.tally.service.auth.Tokens tokens = io.tally.service.auth.Tokens.hs256(vertx,
          "0123456789abcdef0123456789abcdef-local");
      AtomicInteger real = new AtomicInteger();
      JWTAuth counting = new JWTAuth() {
        @Override
        public Future<User> authenticate(Credentials credentials) {
          real.incrementAndGet();
          return tokens.provider().authenticate(credentials);
        }

        @Override
        public String generateToken(JsonObject claims, JWTOptions options) {
          return "";
        }

        @Override
        public String generateToken(JsonObject claims) {
          return "";
        }
      };
      VerifiedTokenCache real2 = new VerifiedTokenCache(counting);
      String jwt = tokens.issue("a", "acme", java.util.List.of("writer"), 3600);
      User first = real2.authenticate(new TokenCredentials(jwt)).toCompletionStage().toCompletableFuture().get();
      User second = real2.authenticate(new TokenCredentials(jwt)).toCompletionStage().toCompletableFuture().get();
      assertThat(real.get()).isEqualTo(1);
      assertThat(second).isSameAs(first);
      assertThat(second.principal().getString("tenant")).isEqualTo("acme");
    } finally {
      vertx.close();
    }
  }

  /** "good" expires in an hour, "short" in 5 s, anything else is refused. */
  private final class CountingVerifier implements JWTAuth {
    @Override
    public Future<User> authenticate(Credentials credentials) {
      checks.incrementAndGet();
      String token = ((TokenCredentials) credentials).getToken();
      long seconds = now.get() / 1000;
      return switch (token) {
        case "good" -> Future.succeededFuture(User.create(new JsonObject().put("exp", seconds + 3600)));
        case "short" -> Future.succeededFuture(User.create(new JsonObject().put("exp", seconds + 5)));
        default -> Future.failedFuture("invalid");
      };
    }

    @Override
    public String generateToken(JsonObject claims, JWTOptions options) {
      return "";
    }

    @Override
    public String generateToken(JsonObject claims) {
      return "";
    }
  }
}
