package io.tally.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.lake.LakeCatalog;
import io.tally.lake.TableDefinition;
import io.tally.lake.TableSetup;
import io.tally.lake.read.GoldFiles;
import io.tally.query.support.Http.Answer;
import io.tally.query.support.LakeStores;
import io.tally.query.support.QuerySide;
import io.tally.service.http.Problem;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GET /v1/tenants/{t}/history/daily-revenue on a real lake (Iceberg's JDBC catalog in Postgres, files on
 * s3proxy), with gold snapshots committed by iceberg-data (no Spark) while the query side is already running.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class DailyRevenueHistoryApiTest {
  static final LocalDate NOV_20 = LocalDate.of(2026, 11, 20);
  static final LocalDate NOV_21 = LocalDate.of(2026, 11, 21);

  static QuerySide query;
  static long first;
  static long latest;
  static Instant beforeFirst;
  static Instant afterFirst;

  @BeforeAll
  static void start(TestPostgres pg, TestS3 s3) throws Exception {
    Map<String, String> settings = LakeStores.withLake(pg, s3);
    query = QuerySide.startWith(settings, Map.of());
    try (JdbcCatalog catalog = LakeCatalog.open(LakeStores.lake(settings))) {
      TableSetup.ensure(catalog, TableDefinition.DAILY_REVENUE);
      Table gold = catalog.loadTable(TableDefinition.DAILY_REVENUE.id());
      beforeFirst = pause();
      DataFile acme = GoldFiles.write(gold, "acme", List.of(row(gold, "acme", NOV_20, "EUR", 2, 1, "10", "0")));
      gold.newAppend().appendFile(acme)
          .appendFile(GoldFiles.write(gold, "globex", List.of(row(gold, "globex", NOV_20, "USD", 7, 7, "700", "0"))))
          .commit();
      first = gold.currentSnapshot().snapshotId();
      afterFirst = pause();
      gold.newOverwrite().deleteFile(acme).addFile(GoldFiles.write(gold, "acme", List.of(
          row(gold, "acme", NOV_20, "EUR", 3, 2, "25", "5"), row(gold, "acme", NOV_21, "JPY", 1, 1, "500", "0"))))
          .commit();
      latest = gold.currentSnapshot().snapshotId();
    }
  }

  @AfterAll
  static void stop() {
    query.close();
  }

  @Test
  void latestIsTheLastCommitWithAmountsAsDecimalStringsAtTheCurrencysScale() {
    JsonObject history = ok("acme", "");
    assertThat(history.getString("tenant")).isEqualTo("acme");
    assertThat(history.getString("snapshotId")).isEqualTo(Long.toString(latest));
    assertThat(Instant.parse(history.getString("committedAt"))).isAfter(afterFirst);
    assertThat(history.getJsonArray("days")).containsExactly(
        day(NOV_20, "EUR", 3, 2, 1, "25.00", "5.00", "20.00"), day(NOV_21, "JPY", 1, 1, 0, "500", "0", "500"));
  }

  @Test
  void asOfAnEarlierSnapshotIdOrTimeGivesTheFiguresOfThenAfterALaterCommit() {
    for (String asOf : List.of(Long.toString(first), afterFirst.toString())) {
      JsonObject history = ok("acme", "?asOf=" + asOf);
      assertThat(history.getString("snapshotId")).as(asOf).isEqualTo(Long.toString(first));
      assertThat(history.getJsonArray("days")).as(asOf)
          .containsExactly(day(NOV_20, "EUR", 2, 1, 0, "10.00", "0.00", "10.00"));
    }
    JsonObject beforeTheLake = ok("acme", "?asOf=" + beforeFirst);
    assertThat(beforeTheLake.getValue("snapshotId")).isNull();
    assertThat(beforeTheLake.getValue("committedAt")).isNull();
    assertThat(beforeTheLake.getJsonArray("days")).isEmpty();
  }

  @Test
  void anotherTenantsTokenIsRefusedAndItsOwnPathShowsOnlyItsOwnRows() {
    Answer refused = query.http.get(path("acme", ""), query.viewer("globex"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).doesNotContain("EUR").doesNotContain("25.00");
    for (String asOf : List.of("", "?asOf=" + first)) {
      Answer own = query.http.get(path("globex", asOf), query.viewer("globex"));
      assertThat(own.status()).isEqualTo(200);
      assertThat(own.json().getJsonArray("days")).as(asOf)
          .containsExactly(day(NOV_20, "USD", 7, 7, 0, "700.00", "0.00", "700.00"));
      assertThat(own.body()).doesNotContain("acme").doesNotContain("EUR");
    }
    assertThat(query.http.get(path("acme", ""), query.platformAdmin()).status()).isEqualTo(200);
    assertThat(query.http.get(path("acme", ""), null).status()).isEqualTo(401);
  }

  @Test
  void aMalformedAsOfIs400NamingItAndAnUnknownSnapshotIs404() {
    for (String bad : List.of("yesterday", "2026-11-21", "99999999999999999999", "-5")) {
      Answer answer = query.http.get(path("acme", "?asOf=" + bad), query.viewer("acme"));
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.header("content-type")).isEqualTo(Problem.MEDIA_TYPE);
      assertThat(answer.json().getString("field")).isEqualTo("asOf");
    }
    Answer unknown = query.http.get(path("acme", "?asOf=42"), query.viewer("acme"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("type")).endsWith("/not-found");
    assertThat(unknown.json().getString("detail")).contains("snapshot 42");
  }

  @Test
  void beforeTheLakeJobHasRunTheHistoryIsEmptyNotAnError(TestPostgres pg, TestS3 s3) {
    try (QuerySide fresh = QuerySide.startWith(LakeStores.withLake(pg, s3), Map.of())) {
      Answer answer = fresh.http.get(path("acme", ""), fresh.viewer("acme"));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json()).isEqualTo(new JsonObject().put("tenant", "acme").putNull("snapshotId")
          .putNull("committedAt").put("days", new JsonArray()));
    }
  }

  @Test
  void withoutALakeTheRouteIs503AfterTheUsualTokenChecks(TestPostgres pg) {
    try (QuerySide noLake = QuerySide.startWith(LakeStores.withoutLake(pg), Map.of())) {
      Answer answer = noLake.http.get(path("acme", ""), noLake.viewer("acme"));
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.header("content-type")).isEqualTo(Problem.MEDIA_TYPE);
      assertThat(answer.json().getString("type")).endsWith("/lake-not-configured");
      assertThat(noLake.http.get(path("acme", ""), null).status()).isEqualTo(401);
      assertThat(noLake.http.get(path("acme", ""), noLake.viewer("globex")).status()).isEqualTo(403);
    }
  }

  static JsonObject ok(String tenant, String params) {
    Answer answer = query.http.get(path(tenant, params), query.viewer(tenant));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  static String path(String tenant, String params) {
    return "/v1/tenants/" + tenant + "/history/daily-revenue" + params;
  }

  static JsonObject day(LocalDate day, String currency, long placed, long paid, long refunds, String paidAmount,
                        String refundedAmount, String revenue) {
    return new JsonObject().put("day", day.toString()).put("currency", currency).put("ordersPlaced", placed)
        .put("ordersPaid", paid).put("ordersShipped", 0L).put("ordersCancelled", 0L).put("refunds", refunds)
        .put("paidAmount", paidAmount).put("refundedAmount", refundedAmount).put("revenue", revenue);
  }

  /** A gold row as the lake stores money: decimal(18,3). */
  static Record row(Table gold, String tenant, LocalDate day, String currency, long placed, long paid,
                    String paidAmount, String refundedAmount) {
    return GoldFiles.row(gold, tenant, day, currency, placed, paid, paidAmount + ".000", refundedAmount + ".000");
  }

  /** Now, a few milliseconds clear of any snapshot committed just before or after (snapshot times are ms). */
  static Instant pause() throws InterruptedException {
    Thread.sleep(5);
    Instant now = Instant.now();
    Thread.sleep(5);
    return now;
  }
}
