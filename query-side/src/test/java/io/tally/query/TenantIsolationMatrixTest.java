package io.tally.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.query.support.Await;
import io.tally.query.support.FullStack;
import io.tally.query.support.FullStackExtension;
import io.tally.query.support.Http;
import io.tally.service.auth.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route of tenant globex, asked with every kind of acme token: all refused (403), 100%. Every route, asked
 * with no token, an expired, a forged, a malformed or a foreign-issuer token: all 401. Controls show the same
 * routes answer globex's own token and a platform admin, so the refusals are about access, not broken routes.
 */
@ExtendWith(FullStackExtension.class)
class TenantIsolationMatrixTest {
  static FullStack stack;
  static Vertx vertx;
  static Tokens forger;

  @BeforeAll
  static void start(FullStack fullStack) {
    stack = fullStack;
    vertx = Vertx.vertx();
    forger = Tokens.hs256(vertx, "another-secret-another-secret-0123456789");
    assertThat(stack.post("globex", FullStack.place("g-matrix", "250.00")).status()).isEqualTo(201);
    Await.until("globex's order in the view", java.time.Duration.ofSeconds(30),
        () -> stack.query.http.get("/v1/tenants/globex/orders/g-matrix", stack.token("globex", "viewer")).status() == 200);
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  /** Tenant globex's REST routes of the query side. */
  static List<String> restRoutes() {
    return List.of("/v1/tenants/globex/orders", "/v1/tenants/globex/orders?status=PLACED",
        "/v1/tenants/globex/orders/g-matrix", "/v1/tenants/globex/stats", "/v1/tenants/globex/revenue",
        "/v1/tenants/globex/revenue?bucket=day", "/v1/tenants/globex/history/daily-revenue",
        "/v1/tenants/globex/history/daily-revenue?asOf=2026-01-01T00:00:00Z");
  }

  /** Tenant globex's admin routes, through the query side's proxy: method and path. */
  static List<String[]> adminRoutes() {
    return List.of(new String[] {"GET", "/v1/admin/dead-letters?tenant=globex"},
        new String[] {"GET", "/v1/admin/dead-letters?tenant=globex&projection=pg-orders&limit=0"},
        new String[] {"POST", "/v1/admin/projections/pg-orders/replay?tenant=globex"},
        new String[] {"POST", "/v1/admin/projections/ch-analytics/replay?tenant=globex"},
        new String[] {"POST", "/v1/admin/dead-letters/redrive?projection=pg-orders&tenant=globex"},
        new String[] {"GET", "/v1/admin/audit?tenant=globex"},
        new String[] {"POST", "/v1/admin/projections/pg-orders/pause"},
        new String[] {"POST", "/v1/admin/projections/pg-orders/resume"},
        new String[] {"GET", "/v1/admin/tenants/globex/data"},
        new String[] {"DELETE", "/v1/admin/tenants/globex/data"});
  }

  static Map<String, String> acmeTokens() {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String role : List.of("viewer", "analyst", "writer", "admin")) {
      tokens.put("acme " + role, stack.token("acme", role));
    }
    tokens.put("acme all roles", stack.token("acme", "admin", "writer", "analyst", "viewer"));
    return tokens;
  }

  @Test
  void everyAcmeTokenIsRefusedOnEveryRouteOfGlobex() {
    List<String> leaks = new ArrayList<>();
    int asked = 0;
    double deniedBefore = denied(403);
    for (Map.Entry<String, String> token : acmeTokens().entrySet()) {
      for (String path : restRoutes()) {
        asked++;
        Http.Answer a = stack.query.http.get(path, token.getValue());
        if (a.status() != 403 || a.body().contains("g-matrix") || a.body().contains("250")) {
          leaks.add(token.getKey() + " GET " + path + " -> " + a.status());
        }
      }
      for (String[] route : adminRoutes()) {
        asked++;
        int status = admin(route, token.getValue()).status();
        if (status != 403) {
          leaks.add(token.getKey() + " " + route[0] + " " + route[1] + " -> " + status);
        }
      }
      asked++;
      int ws = upgradeStatus("globex", token.getValue());
      if (ws != 403) {
        leaks.add(token.getKey() + " WebSocket /v1/tenants/globex/live -> " + ws);
      }
    }
    assertThat(leaks).as("requests of acme that were not refused").isEmpty();
    assertThat(asked).isEqualTo(5 * (restRoutes().size() + adminRoutes().size() + 1));
    // Refusals of the query side itself are audited (those of the projections service in its own audit).
    assertThat(denied(403) - deniedBefore).isGreaterThanOrEqualTo(5 * (restRoutes().size() + 1) + 4 * 6);
  }

  @Test
  void noExpiredForgedOrMalformedTokenGetsPastAnyRoute() {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("no token", null);
    bad.put("expired", expired());
    bad.put("forged (other secret)", forger.issue("mallory", "globex", List.of("admin"), 3600));
    bad.put("malformed", "not.a.jwt");
    bad.put("foreign issuer", foreignIssuer());
    bad.put("unsigned (alg none)", unsigned());
    List<String> accepted = new ArrayList<>();
    for (Map.Entry<String, String> token : bad.entrySet()) {
      for (String path : restRoutes()) {
        int status = stack.query.http.get(path, token.getValue()).status();
        if (status != 401) {
          accepted.add(token.getKey() + " GET " + path + " -> " + status);
        }
      }
      for (String[] route : adminRoutes()) {
        int status = admin(route, token.getValue()).status();
        if (status != 401) {
          accepted.add(token.getKey() + " " + route[0] + " " + route[1] + " -> " + status);
        }
      }
      int ws = upgradeStatus("globex", token.getValue());
      if (ws != 401) {
        accepted.add(token.getKey() + " WebSocket -> " + ws);
      }
    }
    assertThat(accepted).as("bad tokens that were not answered 401").isEmpty();
  }

  @Test
  void theSameRoutesAnswerGlobexsOwnTokenAndAPlatformAdmin() {
    String own = stack.token("globex", "admin", "viewer");
    String platform = stack.token(null, "platform-admin");
    for (String path : restRoutes()) {
      assertThat(stack.query.http.get(path, own).status()).as(path).isEqualTo(200);
      assertThat(stack.query.http.get(path, platform).status()).as(path).isEqualTo(200);
    }
    assertThat(stack.query.http.get("/v1/tenants/globex/orders/g-matrix", own).body()).contains("250.00");
    assertThat(admin(new String[] {"GET", "/v1/admin/dead-letters?tenant=globex&limit=0"}, own).status())
        .isEqualTo(200);
    assertThat(upgradeStatus("globex", own)).isEqualTo(101);
  }

  static Http.Answer admin(String[] route, String token) {
    HttpRequest.Builder b = stack.query.http.request(route[1], token);
    return stack.query.http.send(switch (route[0]) {
      case "GET" -> b.GET().build();
      case "DELETE" -> b.DELETE().build();
      default -> b.POST(HttpRequest.BodyPublishers.noBody()).build();
    });
  }

  /** 101 when the upgrade was accepted, else the HTTP status that refused it. */
  static int upgradeStatus(String tenant, String token) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(stack.query.wsUrl(tenant));
    if (token != null) {
      options.addSubProtocol("bearer").addSubProtocol(token);
    }
    try {
      Await.result(client.connect(options)).close();
      return 101;
    } catch (IllegalStateException e) {
      Throwable cause = e.getCause();
      while (cause != null && !(cause instanceof UpgradeRejectedException)) {
        cause = cause.getCause();
      }
      if (cause == null) {
        throw e;
      }
      return ((UpgradeRejectedException) cause).getStatus();
    } finally {
      client.close();
    }
  }

  static double denied(int status) {
    var counter = stack.query.registry.find("tally_access_denied_total").tag("status", Integer.toString(status))
        .counter();
    return counter == null ? 0 : counter.count();
  }

  static String expired() {
    JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
        .setBuffer(FullStack.SECRET)));
    long past = System.currentTimeMillis() / 1000 - 3600;
    return auth.generateToken(new JsonObject().put("tenant", "globex").put("roles", List.of("admin"))
        .put("iat", past - 60).put("exp", past), new JWTOptions().setAlgorithm("HS256").setIssuer("tally")
        .setSubject("late").setNoTimestamp(true));
  }

  static String foreignIssuer() {
    JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
        .setBuffer(FullStack.SECRET)));
    return auth.generateToken(new JsonObject().put("tenant", "globex").put("roles", List.of("admin")),
        new JWTOptions().setAlgorithm("HS256").setIssuer("someone-else").setSubject("x").setExpiresInSeconds(600));
  }

  static String unsigned() {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    String claims = b64.encodeToString(new JsonObject().put("iss", "tally").put("sub", "x").put("tenant", "globex")
        .put("roles", List.of("admin")).put("exp", System.currentTimeMillis() / 1000 + 600).encode().getBytes());
    return header + "." + claims + ".";
  }
}
