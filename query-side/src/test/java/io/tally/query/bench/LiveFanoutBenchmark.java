package io.tally.query.bench;

import static io.tally.query.support.OrderDesk.place;

import io.tally.projection.runtime.ProjectedEvent;
import io.tally.query.support.Await;
import io.tally.query.support.OrderDesk;
import io.tally.query.support.QuerySide;
import io.tally.query.support.Stores;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many WebSocket clients of one tenant on one query-side instance (every delta fans out to all of them), while
 * the real pg-orders sink commits orders at a steady rate: push latency from each commit to each client's
 * receipt. {@code mvn -pl query-side test -Dtest=LiveFanoutBenchmark -Dbench.clients=2000}.
 */
@ExtendWith({PostgresExtension.class, ClickHouseExtension.class})
class LiveFanoutBenchmark {

  // 2000 clients in this JVM must not cost more than the server: no JSON parsing, one sample per delta, for
  // its oldest order (rows come newest first), i.e. the longest wait in that delta. Set as the connection
  // completes, on its event loop, so the snapshot that follows at once is not missed.
  static void listen(WebSocket ws, AtomicLong snapshots, LatencyHistogram push, LatencyHistogram fromStart,
                     long[] committedAt, long[] startedAt, java.util.concurrent.atomic.AtomicInteger sawLast,
                     int total) {
    ws.binaryMessageHandler(b -> {
      long now = System.nanoTime();
      String text = b.toString();
      if (text.startsWith("{\"type\":\"snapshot\"")) {
        snapshots.incrementAndGet();
      } else if (text.startsWith("{\"type\":\"orders\"")) {
        String key = "\"orderId\":\"f-";
        int at = text.lastIndexOf(key) + key.length();
        int n = Integer.parseInt(text.substring(at, text.indexOf('"', at)));
        // A delta can beat the sink's own acknowledgement (NOTIFY leaves at commit): counted as negative.
        push.record(committedAt[n] == 0 ? -1 : now - committedAt[n]);
        fromStart.record(now - startedAt[n]);
        if (text.contains("\"orderId\":\"f-" + (total - 1) + "\"")) {
          sawLast.incrementAndGet();
        }
      }
    });
  }

  @Test
  void fanOut(TestPostgres pg, TestClickHouse ch) {
    int clients = Integer.getInteger("bench.clients", 2000);
    int ordersPerSecond = Integer.getInteger("bench.fanout.rate", 100);
    int seconds = Integer.getInteger("bench.fanout.seconds", 20);
    try (Stores stores = new Stores(pg, ch); QuerySide query = QuerySide.start(stores, Map.of())) {
      OrderDesk desk = new OrderDesk(stores.pgSink);
      Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      WebSocketClient client = clientVertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxMessageSize(16 << 20).setMaxConnections(clients + 10));
      int total = ordersPerSecond * seconds;
      long[] committedAt = new long[total];
      long[] startedAt = new long[total];
      java.util.concurrent.atomic.AtomicInteger sawLast = new java.util.concurrent.atomic.AtomicInteger();
      LatencyHistogram push = new LatencyHistogram();
      LatencyHistogram commit = new LatencyHistogram();
      LatencyHistogram fromStart = new LatencyHistogram();
      AtomicLong snapshots = new AtomicLong();
      String token = query.viewer("fan");
      List<WebSocket> sockets = new ArrayList<>();
      long connectStart = System.nanoTime();
      for (int batch = 0; batch < clients; batch += 100) {
        List<Future<WebSocket>> connecting = IntStream.range(batch, Math.min(clients, batch + 100))
            .mapToObj(i -> client.connect(new WebSocketConnectOptions().setAbsoluteURI(query.wsUrl("fan"))
                .addSubProtocol("bearer").addSubProtocol(token)).onSuccess(ws -> listen(ws, snapshots, push,
                fromStart, committedAt, startedAt, sawLast, total))).toList();
        for (Future<WebSocket> f : connecting) {
          WebSocket ws = Await.result(f);
          sockets.add(ws);
        }
      }
      Await.until("every client's snapshot", Duration.ofSeconds(120), () -> snapshots.get() >= clients);
      double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
      int commitsPerSecond = Integer.getInteger("bench.commits", 10);
      int perTick = Math.max(1, ordersPerSecond / commitsPerSecond);
      long start = System.nanoTime();
      for (int sent = 0; sent < total; sent += perTick) {
        List<ProjectedEvent> events = new ArrayList<>();
        int end = Math.min(total, sent + perTick);
        for (int i = sent; i < end; i++) {
          events.addAll(desk.decide("fan", place("f-" + i, "2.00")));
        }
        // From the moment the sink's statement returns (the NOTIFY went out at its commit, just before): the
        // push path alone. The statement's own time is reported beside it.
        long before = System.nanoTime();
        for (int i = sent; i < end; i++) {
          startedAt[i] = before;
        }
        Await.result(desk.applyAsync(events));
        long now = System.nanoTime();
        commit.record(now - before);
        for (int i = sent; i < end; i++) {
          committedAt[i] = now;
        }
        long due = start + (sent + perTick) * 1_000_000_000L / ordersPerSecond;
        long sleep = (due - System.nanoTime()) / 1_000_000;
        if (sleep > 0) {
          try {
            Thread.sleep(sleep);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      try {
        Await.until("the last order at every client", Duration.ofSeconds(60), () -> sawLast.get() >= clients);
      } catch (AssertionError e) {
        System.out.println("BENCH clients without the last order: " + (clients - sawLast.get()));
      }
      JsonObject figures = new JsonObject().put("clients", clients).put("ordersPerSecond", ordersPerSecond)
          .put("seconds", seconds).put("commitsPerSecond", commitsPerSecond).put("connectAndSnapshotSeconds", connectSeconds)
          .put("clientsWithLastOrder", sawLast.get()).put("pushPerDelta", push.summary())
          .put("sinkStatement", commit.summary())
          .put("pushFromStatementStart", fromStart.summary())
          .put("slowClients", query.registry.get("tally_live_slow_clients_total").counter().count())
          .put("heapUsedMb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
      LatencyHistogram.report("live-fanout-" + clients, figures);
      sockets.forEach(WebSocket::close);
      Await.result(clientVertx.close());
    }
  }
}
