package io.tally.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tenant catalog: platform admins create and change tenants; commands for unknown tenants are refused. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class TenantCatalogTest {
  private static CommandSide side;
  private static TestPostgres postgres;

  @BeforeAll
  static void start(TestKafka kafka, TestPostgres pg) {
    side = CommandSide.start(kafka, pg);
    postgres = pg;
  }

  @AfterAll
  static void stop() {
    side.close();
  }

  @Test
  void theSeedTenantsExistAtStart() {
    ApiClient.Answer list = side.api.get("/v1/admin/tenants", side.platformAdmin());
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().getJsonArray("tenants").stream().map(t -> ((JsonObject) t).getString("id")))
        .contains("acme", "globex");
  }

  @Test
  void aNewTenantCanWriteOnceCreatedAndItsRowIsInPostgres() throws Exception {
    String command = Commands.place("n-1", "n-o1", "5").encode();
    assertThat(side.api.postJson("/v1/tenants/newco/commands", side.writer("newco"), command).status())
        .isEqualTo(404);
    ApiClient.Answer created = side.api.postJson("/v1/admin/tenants", side.platformAdmin(),
        "{\"id\":\"newco\",\"displayName\":\"New Co\",\"quota\":{\"commandsPerSecond\":50},\"retentionDays\":90}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/v1/admin/tenants/newco");
    JsonObject tenant = created.json();
    assertThat(tenant.getJsonObject("quota").getInteger("commandsPerSecond")).isEqualTo(50);
    assertThat(tenant.getJsonObject("quota").getInteger("burst")).isEqualTo(100);
    assertThat(tenant.getInteger("retentionDays")).isEqualTo(90);
    assertThat(side.api.postJson("/v1/tenants/newco/commands", side.writer("newco"), command).status())
        .isEqualTo(201);

    try (Connection c = postgres.connect(side.env.get("TALLY_PG_DATABASE"));
         ResultSet rs = c.createStatement().executeQuery(
             "SELECT display_name, commands_per_second, retention_days FROM tenants WHERE id = 'newco'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("New Co");
      assertThat(rs.getInt(2)).isEqualTo(50);
      assertThat(rs.getInt(3)).isEqualTo(90);
    }
  }

  @Test
  void aDeletedTenantsIdIsNeverCreatedAgain() throws Exception {
    // What the projections' tenant erasure leaves behind (see projections' TenantErasureTest for the erasure).
    try (Connection c = postgres.connect(side.env.get("TALLY_PG_DATABASE"))) {
      c.createStatement().execute("INSERT INTO deleted_tenants (tenant) VALUES ('gone-co')");
    }
    ApiClient.Answer again = side.api.postJson("/v1/admin/tenants", side.platformAdmin(), "{\"id\":\"gone-co\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().getString("field")).isEqualTo("id");
    assertThat(again.json().getString("detail")).contains("was deleted");
    assertThat(side.api.get("/v1/admin/tenants/gone-co", side.platformAdmin()).status()).isEqualTo(404);
  }

  @Test
  void creatingATenantTwiceIs409AndBadFieldsAre422() {
    String admin = side.platformAdmin();
    assertThat(side.api.postJson("/v1/admin/tenants", admin, "{\"id\":\"twice\"}").status()).isEqualTo(201);
    ApiClient.Answer again = side.api.postJson("/v1/admin/tenants", admin, "{\"id\":\"twice\"}");
    assertThat(again.status()).isEqualTo(409);
    ApiClient.Answer badId = side.api.postJson("/v1/admin/tenants", admin, "{\"id\":\"Bad Id\"}");
    assertThat(badId.status()).isEqualTo(422);
    assertThat(badId.json().getString("field")).isEqualTo("id");
    ApiClient.Answer badQuota = side.api.postJson("/v1/admin/tenants", admin,
        "{\"id\":\"badquota\",\"quota\":{\"commandsPerSecond\":0}}");
    assertThat(badQuota.json().getString("field")).isEqualTo("quota.commandsPerSecond");
  }

  @Test
  void aQuotaChangeTakesEffectAtOnce() {
    String admin = side.platformAdmin();
    side.api.postJson("/v1/admin/tenants", admin, "{\"id\":\"slowco\",\"quota\":{\"commandsPerSecond\":1,"
        + "\"burst\":1}}");
    String writer = side.writer("slowco");
    side.api.postJson("/v1/tenants/slowco/commands", writer, Commands.place("s-1", "s-o1", "1").encode());
    assertThat(side.api.postJson("/v1/tenants/slowco/commands", writer, Commands.place("s-2", "s-o2", "1")
        .encode()).status()).isEqualTo(429);
    ApiClient.Answer changed = side.api.send(side.api.request("/v1/admin/tenants/slowco", admin)
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"quota\":{\"commandsPerSecond\":1000}}")).build());
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().getJsonObject("quota").getInteger("burst")).isEqualTo(2000);
    assertThat(side.api.postJson("/v1/tenants/slowco/commands", writer, Commands.place("s-3", "s-o3", "1")
        .encode()).status()).isEqualTo(201);
  }

  @Test
  void onlyPlatformAdminsSeeTheCatalog() {
    assertThat(side.api.get("/v1/admin/tenants", side.token("acme", "admin")).status()).isEqualTo(403);
    assertThat(side.api.get("/v1/admin/tenants", null).status()).isEqualTo(401);
    assertThat(side.api.get("/v1/admin/tenants/acme", side.platformAdmin()).json().getString("id"))
        .isEqualTo("acme");
    assertThat(side.api.get("/v1/admin/tenants/ghost", side.platformAdmin()).status()).isEqualTo(404);
  }
}
