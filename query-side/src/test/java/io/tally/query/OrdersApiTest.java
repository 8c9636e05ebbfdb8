package io.tally.query;

import static io.tally.query.support.OrderDesk.pay;
import static io.tally.query.support.OrderDesk.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.query.orders.TenantReads;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /orders and /orders/{id} against the rows the real pg-orders sink writes, with row-level security. */
@ExtendWith({PostgresExtension.class, ClickHouseExtension.class})
class OrdersApiTest {
  static Stores stores;
  static QuerySide query;
  static OrderDesk desk;

  @BeforeAll
  static void start(TestPostgres pg, TestClickHouse ch) {
    stores = new Stores(pg, ch);
    query = QuerySide.start(stores, Map.of());
    desk = new OrderDesk(stores.pgSink);
    for (int i = 1; i <= 5; i++) {
      desk.submit("acme", place("a-" + i, i + "2.50"));
    }
    desk.submit("acme", pay("a-2", "22.50"));
    desk.submit("globex", place("g-secret", "999.00"));
  }

  @AfterAll
  static void stop() {
    query.close();
    stores.close();
  }

  @Test
  void listsOnlyTheTenantsOrdersNewestFirstWithMoneyAtCurrencyScale() {
    Answer answer = query.http.get("/v1/tenants/acme/orders", query.viewer("acme"));
    assertThat(answer.status()).isEqualTo(200);
    JsonArray orders = answer.json().getJsonArray("orders");
    assertThat(ids(orders)).containsExactly("a-5", "a-4", "a-3", "a-2", "a-1");
    JsonObject a2 = orders.getJsonObject(3);
    assertThat(a2.getString("status")).isEqualTo("PAID");
    assertThat(a2.getString("amount")).isEqualTo("22.50");
    assertThat(a2.getString("currency")).isEqualTo("EUR");
    assertThat(a2.getLong("version")).isEqualTo(2L);
    assertThat(answer.json().getString("next")).isNull();
  }

  @Test
  void filtersByStatusAndRefusesAnUnknownStatusNamingTheField() {
    JsonArray paid = query.http.get("/v1/tenants/acme/orders?status=paid", query.viewer("acme")).json()
        .getJsonArray("orders");
    assertThat(ids(paid)).containsExactly("a-2");
    Answer bad = query.http.get("/v1/tenants/acme/orders?status=LOST", query.viewer("acme"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.header("content-type")).isEqualTo("application/problem+json");
    assertThat(bad.json().getString("field")).isEqualTo("status");
  }

  @Test
  void pagesWithACursorUntilTheLastPage() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String path = "/v1/tenants/acme/orders?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = query.http.get(path, query.viewer("acme")).json();
      seen.addAll(ids(page.getJsonArray("orders")));
      cursor = page.getString("next");
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("a-5", "a-4", "a-3", "a-2", "a-1");
    Answer forged = query.http.get("/v1/tenants/acme/orders?cursor=bm90LWEtY3Vyc29y", query.viewer("acme"));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.json().getString("field")).isEqualTo("cursor");
  }

  @Test
  void filtersByCreationTimeAndChecksTheWindow() {
    assertThat(query.http.get("/v1/tenants/acme/orders?from=2999-01-01", query.viewer("acme")).json()
        .getJsonArray("orders")).isEmpty();
    assertThat(query.http.get("/v1/tenants/acme/orders?to=2999-01-01T00:00:00Z", query.viewer("acme")).json()
        .getJsonArray("orders")).hasSize(5);
    Answer backwards = query.http.get("/v1/tenants/acme/orders?from=2025-02-01&to=2025-01-01", query.viewer("acme"));
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().getString("field")).isEqualTo("to");
    Answer notATime = query.http.get("/v1/tenants/acme/orders?from=yesterday", query.viewer("acme"));
    assertThat(notATime.json().getString("field")).isEqualTo("from");
  }

  @Test
  void oneOrderCarriesItsCurrentStateAndHistoryInSequence() {
    JsonObject order = query.http.get("/v1/tenants/acme/orders/a-2", query.viewer("acme")).json();
    assertThat(order.getString("status")).isEqualTo("PAID");
    JsonArray history = order.getJsonArray("history");
    assertThat(history).hasSize(2);
    assertThat(history.getJsonObject(0).getString("type")).isEqualTo("OrderPlaced");
    assertThat(history.getJsonObject(0).getLong("sequence")).isEqualTo(1L);
    assertThat(history.getJsonObject(0).getJsonObject("payload").getString("customerId")).isEqualTo("c-1");
    assertThat(history.getJsonObject(1).getString("type")).isEqualTo("OrderPaid");
    assertThat(history.getJsonObject(1).getString("amount")).isEqualTo("22.50");
  }

  @Test
  void anotherTenantsOrderIsNotFoundThroughOnesOwnPath() {
    Answer missing = query.http.get("/v1/tenants/acme/orders/g-secret", query.viewer("acme"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().getString("type")).endsWith("/not-found");
    assertThat(missing.body()).doesNotContain("999");
  }

  @Test
  void rowLevelSecurityHidesOtherTenantsEvenFromAQueryWithoutATenantPredicate() {
    TenantReads reads = new TenantReads(stores.pool, "tally_reader");
    long acmeSees = Await.result(reads.read("acme", conn -> conn.query("SELECT count(*) FROM current_orders")
        .execute().map(rows -> rows.iterator().next().getLong(0))));
    long nobodySees = Await.result(reads.read("", conn -> conn.query("SELECT count(*) FROM order_events")
        .execute().map(rows -> rows.iterator().next().getLong(0))));
    long ownerSees = Await.result(stores.pool.query("SELECT count(*) FROM current_orders").execute()
        .map(rows -> rows.iterator().next().getLong(0)));
    assertThat(acmeSees).isEqualTo(5);
    assertThat(nobodySees).isZero();
    assertThat(ownerSees).isEqualTo(6);
  }

  @Test
  void aReadWhoseScopeFailsFailsInsteadOfRunningUnscoped() {
    TenantReads broken = new TenantReads(stores.pool, "no_such_role");
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> Await.result(broken.read("acme", conn -> conn.query(
          "SELECT count(*) FROM current_orders").execute()))).hasMessageContaining("no_such_role");
    }
    TenantReads reads = new TenantReads(stores.pool, "tally_reader");
    long visible = Await.result(reads.read("acme", conn -> conn.query("SELECT count(*) FROM current_orders")
        .execute().map(rows -> rows.iterator().next().getLong(0))));
    assertThat(visible).isEqualTo(5);
  }

  static List<String> ids(JsonArray orders) {
    List<String> ids = new ArrayList<>();
    orders.forEach(o -> ids.add(((JsonObject) o).getString("orderId")));
    return ids;
  }
}
