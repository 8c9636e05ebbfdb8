package io.tally.query;

import static io.tally.query.support.OrderDesk.pay;
import static io.tally.query.support.OrderDesk.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.query.support.Await;
import io.tally.query.support.LiveClient;
import io.tally.query.support.LiveClient.Received;
import io.tally.query.support.OrderDesk;
import io.tally.query.support.QuerySide;
import io.tally.query.support.Stores;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /live: snapshot, deltas driven by the real sink's NOTIFY, coalescing, stats, heartbeats, resyncs, expiry. */
@ExtendWith({PostgresExtension.class, ClickHouseExtension.class})
class LiveFeedTest {
  static final Duration SOON = Duration.ofSeconds(10);
  static Stores stores;
  static QuerySide query;
  static OrderDesk desk;
  static Vertx clients;
  private static final int WINDOW_MS = 50;

  @BeforeAll
  static void start(TestPostgres pg, TestClickHouse ch) {
    stores = new Stores(pg, ch);
    query = QuerySide.start(stores, Map.of(
        "TALLY_QUERY_LIVE_WINDOW_MS", Integer.toString(WINDOW_MS),
        "TALLY_QUERY_LIVE_HEARTBEAT_MS", "400",
        "TALLY_QUERY_LIVE_STATS_REFRESH_MS", "200",
        "TALLY_QUERY_LIVE_STATS_SETTLE_MS", "1000",
        "TALLY_QUERY_LIVE_QUEUE_BYTES", "16384",
        "TALLY_QUERY_SEND_BUFFER_BYTES", "4096"));
    desk = new OrderDesk(stores.pgSink, stores.chSink);
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(clients.close());
    query.close();
    stores.close();
  }

  @Test
  void aSnapshotFirstThenTheChangedOrdersAsTheProjectionCommitsAndNothingOfOtherTenants() {
    desk.submit("snap", place("before-1", "5.00"));
    try (LiveClient acme = LiveClient.connect(clients, query.wsUrl("snap"), query.viewer("snap"))) {
      Received snapshot = acme.next("snapshot", SOON);
      assertThat(ids(snapshot.message())).contains("before-1");
      assertThat(snapshot.message().getJsonObject("stats").getJsonObject("counts").getLong("placed")).isPositive();
      assertThat(snapshot.message().getJsonObject("revenue").getJsonArray("points")).hasSize(24);

      desk.submit("globex", place("globex-secret", "77.00"));
      long committed = System.nanoTime();
      desk.submit("snap", place("live-1", "12.50"));
      Received delta = acme.next(r -> "orders".equals(r.type()) && ids(r.message()).contains("live-1"), SOON);
      assertThat(Duration.ofNanos(delta.atNanos() - committed)).isLessThan(Duration.ofSeconds(2));
      JsonObject row = delta.message().getJsonArray("orders").getJsonObject(0);
      assertThat(row.getString("status")).isEqualTo("PLACED");
      assertThat(row.getString("amount")).isEqualTo("12.50");
      assertThat(acme.received()).noneMatch(r -> r.message().encode().contains("globex-secret"));
    }
  }

  @Test
  void manyCommitsInAShortTimeAreCoalescedIntoFewDeltasCarryingEveryOrder() {
    OrderDesk rowsOnly = new OrderDesk(stores.pgSink);
    try (LiveClient acme = LiveClient.connect(clients, query.wsUrl("burst"), query.viewer("burst"))) {
      acme.next("snapshot", SOON);
      // 30 transactions committing at nearly the same time, as 30 projection batches would under load.
      List<io.vertx.core.Future<Void>> commits = IntStream.range(0, 30)
          .mapToObj(i -> rowsOnly.applyAsync(rowsOnly.decide("burst", place("burst-" + i, "1.00")))).toList();
      Await.result(io.vertx.core.Future.all(commits));
      Set<String> seen = new HashSet<>();
      int deltas = 0;
      while (seen.size() < 30) {
        Received r = acme.next(m -> "orders".equals(m.type()), SOON);
        deltas++;
        ids(r.message()).stream().filter(id -> id.startsWith("burst-")).forEach(seen::add);
      }
      assertThat(seen).hasSize(30);
      assertThat(deltas).isLessThan(30);
    }
  }

  @Test
  void countersAndTheRevenueChartAreRefreshedAfterChanges() {
    try (LiveClient acme = LiveClient.connect(clients, query.wsUrl("stats"), query.viewer("stats"))) {
      long paidBefore = acme.next("snapshot", SOON).message().getJsonObject("stats").getJsonObject("counts")
          .getLong("paid");
      desk.submit("stats", place("stats-1", "40.00"));
      desk.submit("stats", pay("stats-1", "40.00"));
      Received stats = acme.next(r -> "stats".equals(r.type())
          && r.message().getJsonObject("stats").getJsonObject("counts").getLong("paid") == paidBefore + 1, SOON);
      JsonObject lastHour = stats.message().getJsonObject("revenue").getJsonArray("points").getJsonObject(23);
      assertThat(lastHour.getJsonObject("revenue").getString("EUR")).isNotNull();
    }
  }

  @Test
  void heartbeatsArriveWhileNothingChanges() {
    try (LiveClient acme = LiveClient.connect(clients, query.wsUrl("acme"), query.viewer("acme"))) {
      acme.next("snapshot", SOON);
      assertThat(acme.next("heartbeat", Duration.ofSeconds(3)).message().getLong("intervalMs")).isEqualTo(400L);
    }
  }

  @Test
  void aReplaySwapSendsEveryClientOfTheTenantAFreshSnapshot() {
    try (LiveClient acme = LiveClient.connect(clients, query.wsUrl("acme"), query.viewer("acme"))) {
      acme.next("snapshot", SOON);
      Await.result(stores.pool.query("SELECT pg_notify('order_changes', "
          + "'{\"tenant\":\"acme\",\"orderIds\":[],\"rebuilt\":true}')").execute());
      acme.next("snapshot", SOON);
    }
  }

  @Test
  void aLostListenConnectionComesBackAndEveryClientResyncs() {
    try (LiveClient client = LiveClient.connect(clients, query.wsUrl("relisten"), query.viewer("relisten"))) {
      client.next("snapshot", SOON);
      long killed = Await.result(stores.pool.query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
          + " WHERE query ILIKE 'LISTEN%' AND datname = current_database()").execute()
          .map(rows -> rows.iterator().next().getLong(0)));
      assertThat(killed).isEqualTo(1);
      client.next("snapshot", SOON);
      desk.submit("relisten", place("after-relisten", "1.00"));
      client.next(r -> "orders".equals(r.type()) && ids(r.message()).contains("after-relisten"), SOON);
    }
  }

  @Test
  void aSlowClientGetsAResyncAndNeverHoldsBackTheOthers() {
    WebSocketClientOptions tinyBuffers = new WebSocketClientOptions().setReceiveBufferSize(2048)
        .setMaxMessageSize(64 << 20).setMaxFrameSize(16 << 20);
    var slow = Await.result(clients.createWebSocketClient(tinyBuffers).connect(new WebSocketConnectOptions()
        .setAbsoluteURI(query.wsUrl("flood")).addSubProtocol("bearer").addSubProtocol(query.viewer("flood"))));
    List<JsonObject> slowGot = new java.util.concurrent.CopyOnWriteArrayList<>();
    slow.binaryMessageHandler(b -> slowGot.add(b.toJsonObject()));
    try (LiveClient fast = LiveClient.connect(clients, query.wsUrl("flood"), query.viewer("flood"))) {
      fast.next("snapshot", SOON);
      Await.until("the slow client's snapshot", SOON, () -> !slowGot.isEmpty());
      slow.pause();
      long start = System.nanoTime();
      // Many separate deltas, not a few coalesced ones: a paused client's inbound queue counts messages, so only
      // a long run of them backs up through TCP into the server's bounded write queue on a quiet machine too.
      int batches = 40;
      for (int batch = 0; batch < batches; batch++) {
        int b = batch;
        desk.submitBatch("flood", IntStream.range(0, 100).mapToObj(i -> place("flood-" + b + "-" + i, "3.00")).toList());
        sleep(WINDOW_MS * 3);
      }
      Set<String> seen = new HashSet<>();
      while (seen.size() < batches * 100) {
        ids(fast.next("orders", SOON).message()).stream().filter(id -> id.startsWith("flood-")).forEach(seen::add);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
      assertThat(query.registry.get("tally_live_slow_clients_total").counter().count()).isPositive();
      slow.resume();
      Await.until("a resync, then a fresh snapshot, for the slow client; got " + slowTypes(slowGot), SOON, () -> {
        List<String> types = slowGot.stream().map(m -> m.getString("type")).toList();
        int resync = types.indexOf("resync");
        return resync >= 0 && types.subList(resync, types.size()).contains("snapshot");
      });
    } finally {
      slow.close();
    }
  }

  @Test
  void theSocketIsClosedWhenItsTokenExpires() {
    String shortLived = query.token("acme", 2, "viewer");
    LiveClient acme = LiveClient.connect(clients, query.wsUrl("acme"), shortLived);
    acme.next("snapshot", SOON);
    Await.until("closed at expiry", Duration.ofSeconds(8), acme.ws::isClosed);
    assertThat(acme.ws.closeStatusCode()).isEqualTo((short) 4401);
  }

  @Test
  void theTokenMayComeAsAQueryParameterAndIsCheckedBeforeTheUpgrade() {
    var client = clients.createWebSocketClient();
    var withParam = Await.result(client.connect(new WebSocketConnectOptions()
        .setAbsoluteURI(query.wsUrl("acme") + "?access_token=" + query.viewer("acme"))));
    withParam.close();
    assertThatThrownBy(() -> Await.result(client.connect(new WebSocketConnectOptions()
        .setAbsoluteURI(query.wsUrl("acme")))))
        .hasRootCauseInstanceOf(UpgradeRejectedException.class)
        .rootCause().extracting(e -> ((UpgradeRejectedException) e).getStatus()).isEqualTo(401);
    assertThatThrownBy(() -> Await.result(client.connect(new WebSocketConnectOptions()
        .setAbsoluteURI(query.wsUrl("acme")).addSubProtocol("bearer").addSubProtocol(query.viewer("globex")))))
        .rootCause().extracting(e -> ((UpgradeRejectedException) e).getStatus()).isEqualTo(403);
  }

  static Object slowTypes(List<JsonObject> got) {
    return new Object() {
      @Override
      public String toString() {
        return got.stream().map(m -> m.getString("type")).toList().toString();
      }
    };
  }

  static List<String> ids(JsonObject message) {
    return message.getJsonArray("orders").stream().map(o -> ((JsonObject) o).getString("orderId")).toList();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
