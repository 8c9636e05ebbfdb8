package io.tally.query.bench;

import io.tally.query.support.Await;
import io.tally.query.support.FullStack;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open-loop run from a command's 201 to its WebSocket delta: PlaceOrder commands of one tenant at a fixed
 * rate, one live client of that tenant, every order's send, 201 and push times. The platform under test is
 * whatever answers at the given URLs (one test JVM, or make run's separate processes).
 *
 * @param commandBase the command side's base URL
 * @param wsUrl the tenant's live WebSocket URL
 */
record LiveLatencyRun(String commandBase, String wsUrl, String tenant, String writerToken, String viewerToken) {

  JsonObject measure(int rate, int seconds) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    Map<String, Long> pushedAt = new ConcurrentHashMap<>();
    WebSocket ws = Await.result(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(64 << 20))
        .connect(new WebSocketConnectOptions().setAbsoluteURI(wsUrl)
            .addSubProtocol("bearer").addSubProtocol(viewerToken)));
    ws.binaryMessageHandler(b -> {
      long now = System.nanoTime();
      JsonObject m = b.toJsonObject();
      if ("orders".equals(m.getString("type"))) {
        m.getJsonArray("orders").forEach(o -> pushedAt.putIfAbsent(((JsonObject) o).getString("orderId"), now));
      }
    });
    WebClient http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(Integer.getInteger("bench.connections", 512)));
    String run = Long.toString(System.currentTimeMillis(), 36);
    AtomicInteger next = new AtomicInteger();
    AtomicLong created = new AtomicLong();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    int total = rate * seconds;
    long started = System.nanoTime();
    long timer = vertx.setPeriodic(10, t -> {
      // Open loop: each tick sends what the schedule says by now, however slow the answers are.
      long due = Math.min(total, (System.nanoTime() - started) * rate / 1_000_000_000L);
      while (next.get() < due) {
        String orderId = "b-" + run + "-" + next.getAndIncrement();
        JsonObject body = FullStack.place(orderId, "10.00").put("commandId", "c-" + orderId);
        sentAt.put(orderId, System.nanoTime());
        http.postAbs(commandBase + "/v1/tenants/" + tenant + "/commands").bearerTokenAuthentication(writerToken)
            .putHeader("content-type", "application/json").timeout(30_000)
            .sendBuffer(Buffer.buffer(body.encode())).onComplete(ar -> {
              int status = ar.succeeded() ? ar.result().statusCode() : -1;
              statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
              if (status == 201) {
                answeredAt.put(orderId, System.nanoTime());
                created.incrementAndGet();
              }
            });
      }
    });
    Await.until("all commands sent", Duration.ofSeconds(seconds + 60), () -> next.get() >= total);
    long sendSeconds = System.nanoTime() - started;
    vertx.cancelTimer(timer);
    Await.until("answers", Duration.ofSeconds(60), () -> statuses.values().stream().mapToInt(AtomicInteger::get).sum() >= total);
    try {
      Await.until("deltas for every created order", Duration.ofSeconds(30),
          () -> answeredAt.keySet().stream().allMatch(pushedAt::containsKey));
    } catch (AssertionError e) {
      System.out.println("BENCH some deltas missing: " + e.getMessage());
    }
    LatencyHistogram fromAnswer = new LatencyHistogram();
    LatencyHistogram fromSend = new LatencyHistogram();
    LatencyHistogram answer = new LatencyHistogram();
    answeredAt.forEach((id, at) -> {
      Long pushed = pushedAt.get(id);
      answer.record(at - sentAt.get(id));
      if (pushed != null) {
        fromAnswer.record(pushed - at);
        fromSend.record(pushed - sentAt.get(id));
      }
    });
    JsonObject figures = new JsonObject()
        .put("targetRate", rate).put("seconds", seconds).put("sent", total)
        .put("achievedSendRate", Math.round(total / (sendSeconds / 1e9)))
        .put("statuses", new JsonObject(statuses.entrySet().stream().collect(java.util.stream.Collectors.toMap(
            e -> Integer.toString(e.getKey()), e -> (Object) e.getValue().get()))))
        .put("created", created.get()).put("pushed", answeredAt.keySet().stream().filter(pushedAt::containsKey).count())
        .put("answer201ToDelta", fromAnswer.summary())
        .put("sendToDelta", fromSend.summary())
        .put("sendTo201", answer.summary());
    ws.close();
    Await.result(vertx.close());
    return figures;
  }
}
