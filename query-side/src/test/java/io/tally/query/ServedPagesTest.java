package io.tally.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.platform.FreePorts;
import io.tally.query.support.Http.Answer;
import io.tally.query.support.QuerySide;
import io.tally.query.support.Stores;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard's files, the OpenAPI document, dev tokens only when configured, problem bodies for the rest. */
@ExtendWith({PostgresExtension.class, ClickHouseExtension.class})
class ServedPagesTest {
  static Stores stores;
  static QuerySide plain;
  static QuerySide dev;

  @BeforeAll
  static void start(TestPostgres pg, TestClickHouse ch) throws Exception {
    stores = new Stores(pg, ch);
    // Nothing listens on a fresh free port: the projections service is "down".
    plain = QuerySide.start(stores, Map.of("TALLY_PROJECTIONS_URL", "http://127.0.0.1:" + FreePorts.next()));
    Path tokens = Files.createTempFile("dev-tokens", ".json");
    Files.writeString(tokens, new JsonObject().put("note", "x").put("tokens", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("subject", "acme-admin").put("tenant", "acme").put("roles",
            new io.vertx.core.json.JsonArray().add("admin")).put("token", "t0k3n"))).encode());
    dev = QuerySide.start(stores, Map.of("TALLY_DEV_TOKENS_FILE", tokens.toString()));
  }

  @AfterAll
  static void stop() {
    dev.close();
    plain.close();
    stores.close();
  }

  @Test
  void theDashboardIsServedWithAStrictContentSecurityPolicy() {
    Answer index = plain.http.get("/", null);
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).contains("<script type=\"module\" src=\"/js/main.js\">");
    assertThat(index.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(plain.http.get("/js/live-feed.js", null).body()).contains("['bearer', this.token]");
  }

  @Test
  void theOpenApiDocumentDescribesEveryTenantRoute() {
    JsonObject doc = plain.http.get("/openapi.json", null).json();
    assertThat(doc.getString("openapi")).startsWith("3.1");
    assertThat(doc.getJsonObject("paths").fieldNames()).contains("/v1/tenants/{tenant}/orders",
        "/v1/tenants/{tenant}/orders/{orderId}", "/v1/tenants/{tenant}/stats", "/v1/tenants/{tenant}/revenue",
        "/v1/tenants/{tenant}/history/daily-revenue", "/v1/tenants/{tenant}/live", "/v1/admin/projections",
        "/v1/admin/projections/{name}/replay", "/v1/admin/tenants/{tenant}/data");
  }

  @Test
  void devTokensExistOnlyWhenTheSettingNamesAFile() {
    Answer none = plain.http.get("/dev/tokens", null);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.header("content-type")).isEqualTo("application/problem+json");
    JsonObject offered = dev.http.get("/dev/tokens", null).json();
    assertThat(offered.getJsonArray("tokens").getJsonObject(0).getString("subject")).isEqualTo("acme-admin");
    assertThat(offered.containsKey("note")).isFalse();
  }

  @Test
  void aPlainGetOfTheLiveRouteIsToldToUpgrade() {
    Answer answer = plain.http.get("/v1/tenants/acme/live", plain.viewer("acme"));
    assertThat(answer.status()).isEqualTo(426);
    assertThat(answer.json().getString("type")).endsWith("/upgrade-required");
  }

  @Test
  void theAdminProxyAnswers503WhenTheProjectionsServiceIsDown() {
    Answer answer = plain.http.get("/v1/admin/projections", plain.platformAdmin());
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.json().getString("type")).endsWith("/projections-unavailable");
    assertThat(plain.http.get("/v1/admin/projections", plain.viewer("acme")).status()).isEqualTo(403);
  }
}
