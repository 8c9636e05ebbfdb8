package io.tally.query;

import static io.tally.query.support.OrderDesk.pay;
import static io.tally.query.support.OrderDesk.place;
import static io.tally.query.support.OrderDesk.ship;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.query.analytics.Analytics;
import io.tally.query.support.Await;
import io.tally.query.support.Http.Answer;
import io.tally.query.support.OrderDesk;
import io.tally.query.support.QuerySide;
import io.tally.query.support.Stores;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /stats and /revenue over the rollups the real ch-analytics sink feeds. */
@ExtendWith({PostgresExtension.class, ClickHouseExtension.class})
class AnalyticsApiTest {
  static Stores stores;
  static QuerySide query;

  @BeforeAll
  static void start(TestPostgres pg, TestClickHouse ch) {
    stores = new Stores(pg, ch);
    query = QuerySide.start(stores, Map.of());
    OrderDesk desk = new OrderDesk(stores.pgSink, stores.chSink);
    desk.submit("acme", place("a-1", "10.00"));
    desk.submit("acme", place("a-2", "20.00"));
    desk.submit("acme", "{\"type\":\"PlaceOrder\",\"orderId\":\"a-3\",\"customerId\":\"c-9\",\"amount\":\"500\","
        + "\"currency\":\"JPY\"}");
    desk.submit("acme", pay("a-1", "10.00"));
    desk.submit("acme", pay("a-2", "20.00"));
    desk.submit("acme", ship("a-1"));
    desk.submit("acme", "{\"type\":\"RefundOrder\",\"orderId\":\"a-2\",\"amount\":\"5.00\",\"reason\":\"damaged\"}");
    desk.submit("globex", place("g-1", "1000.00"));
    desk.submit("globex", pay("g-1", "1000.00"));
  }

  @AfterAll
  static void stop() {
    query.close();
    stores.close();
  }

  @Test
  void statsCountOrdersByStatusAndRevenuePerCurrencyOfTheTenantOnly() {
    Answer answer = query.http.get("/v1/tenants/acme/stats", query.viewer("acme"));
    assertThat(answer.status()).isEqualTo(200);
    JsonObject stats = answer.json();
    assertThat(stats.getJsonObject("counts").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "placed", 3, "paid", 2, "shipped", 1, "cancelled", 0, "refunded", 1));
    JsonArray revenue = stats.getJsonArray("revenue");
    JsonObject eur = revenue.getJsonObject(0);
    assertThat(eur.getString("currency")).isEqualTo("EUR");
    assertThat(eur.getString("paid")).isEqualTo("30.00");
    assertThat(eur.getString("refunded")).isEqualTo("5.00");
    assertThat(eur.getString("revenue")).isEqualTo("25.00");
    assertThat(revenue.getJsonObject(1).getString("currency")).isEqualTo("JPY");
    assertThat(revenue.getJsonObject(1).getString("placed")).isEqualTo("500");
    assertThat(answer.body()).doesNotContain("1000");
  }

  @Test
  void statsHonourATimeWindow() {
    JsonObject past = query.http.get("/v1/tenants/acme/stats?from=2020-01-01&to=2020-02-01", query.viewer("acme"))
        .json();
    assertThat(past.getLong("events")).isZero();
    assertThat(past.getJsonArray("revenue")).isEmpty();
  }

  @Test
  void statsAgreeWhetherReadFromTheDailyOrTheHourlyRollup() {
    JsonObject all = query.http.get("/v1/tenants/acme/stats", query.viewer("acme")).json();
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    JsonObject byDay = query.http.get("/v1/tenants/acme/stats?from=" + today, query.viewer("acme")).json();
    Instant justBeforeThisHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minusSeconds(1);
    JsonObject byHour = query.http.get("/v1/tenants/acme/stats?from=" + justBeforeThisHour, query.viewer("acme"))
        .json();
    for (JsonObject stats : new JsonObject[] {byDay, byHour}) {
      assertThat(stats.getJsonObject("counts")).isEqualTo(all.getJsonObject("counts"));
      assertThat(stats.getJsonArray("revenue")).isEqualTo(all.getJsonArray("revenue"));
      assertThat(stats.getLong("events")).isEqualTo(9L - 2L);
    }
  }

  @Test
  void hourlyRevenueHasEveryBucketOfTheLastDayWithTodaysPayments() {
    JsonObject series = query.http.get("/v1/tenants/acme/revenue", query.viewer("acme")).json();
    JsonArray points = series.getJsonArray("points");
    assertThat(series.getString("bucket")).isEqualTo("hour");
    assertThat(points).hasSize(24);
    JsonObject now = points.getJsonObject(23);
    assertThat(now.getString("at")).isEqualTo(Instant.now().truncatedTo(ChronoUnit.HOURS).toString());
    assertThat(now.getJsonObject("revenue").getString("EUR")).isEqualTo("25.00");
    assertThat(now.getLong("payments")).isEqualTo(2L);
    assertThat(now.getLong("placed")).isEqualTo(3L);
    assertThat(points.getJsonObject(0).getLong("payments")).isZero();
    assertThat(series.getJsonObject("total").getString("EUR")).isEqualTo("25.00");
  }

  @Test
  void dailyRevenueComesFromTheDailyRollup() {
    JsonObject series = query.http.get("/v1/tenants/acme/revenue?bucket=day", query.viewer("acme")).json();
    JsonArray points = series.getJsonArray("points");
    assertThat(points).hasSize(30);
    assertThat(points.getJsonObject(29).getJsonObject("revenue").getString("EUR")).isEqualTo("25.00");
    assertThat(points.getJsonObject(29).getString("at"))
        .isEqualTo(Instant.now().truncatedTo(ChronoUnit.DAYS).toString());
  }

  @Test
  void refusesAnUnknownBucketAndTooManyBucketsNamingTheField() {
    Answer week = query.http.get("/v1/tenants/acme/revenue?bucket=week", query.viewer("acme"));
    assertThat(week.status()).isEqualTo(400);
    assertThat(week.json().getString("field")).isEqualTo("bucket");
    Answer years = query.http.get("/v1/tenants/acme/revenue?from=2020-01-01&to=2025-01-01", query.viewer("acme"));
    assertThat(years.status()).isEqualTo(400);
    assertThat(years.json().getString("field")).isEqualTo("from");
  }

  @Test
  void aTenantNameThatTriesToBreakOutOfItsLiteralMatchesNothing() {
    Analytics analytics = new Analytics(stores.ch);
    for (String hostile : new String[] {"acme' OR tenant != '", "acme\\' OR 1=1 --", "x'); DROP TABLE orders_hourly; --"}) {
      JsonObject stats = Await.result(analytics.stats(hostile, Optional.empty(), Optional.empty()));
      assertThat(stats.getLong("events")).as(hostile).isZero();
    }
    assertThat(Await.result(analytics.stats("acme", Optional.empty(), Optional.empty())).getLong("events"))
        .isEqualTo(7L);
  }

  @Test
  void aPathTenantThatIsNotATenantNameIsRefusedBeforeAnyQuery() {
    Answer answer = query.http.get("/v1/tenants/acme'--/stats", query.platformAdmin());
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().getString("field")).isEqualTo("tenant");
  }
}
