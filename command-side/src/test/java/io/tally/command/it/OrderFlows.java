package io.tally.command.it;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that walk orders through place, pay and ship, the way a careful client does: every command has its own
 * id, and whatever goes wrong on the way (connection refused, reset, 503, 202) the same command is sent again
 * until it gets a definite answer. Records every definite answer for counting against the log.
 */
final class OrderFlows {
  /** A definite answer: the status and the event ids a 201 named. */
  record Final(int status, List<String> eventIds, long answeredAtNanos) {}

  final Map<String, Final> answers = new ConcurrentHashMap<>();
  final AtomicInteger transportFailures = new AtomicInteger();
  final AtomicInteger retries = new AtomicInteger();
  private final ApiClient api;
  private final String token;
  private final String path;

  OrderFlows(ApiClient api, String tenant, String token) {
    this.api = api;
    this.token = token;
    this.path = "/v1/tenants/" + tenant + "/commands";
  }

  /** Runs {@code clients} parallel clients, each through {@code ordersEach} orders; returns when all are done. */
  void run(int clients, int ordersEach, String runId) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new java.util.ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        done.add(pool.submit(() -> {
          for (int o = 0; o < ordersEach; o++) {
            flow(runId + "-c" + client + "-o" + o);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(15, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void flow(String orderId) {
    definite(Commands.place(orderId + "-place", orderId, "25"));
    definite(Commands.pay(orderId + "-pay", orderId, "25"));
    if (orderId.hashCode() % 3 != 0) {
      definite(Commands.ship(orderId + "-ship", orderId));
    } else {
      definite(Commands.refund(orderId + "-refund", orderId, "5"));
    }
  }

  private void definite(JsonObject command) {
    String commandId = command.getString("commandId");
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        retries.incrementAndGet();
        sleep(Math.min(1000, 100L * attempt));
      }
      ApiClient.Answer a;
      try {
        a = api.send(api.request(path, token).header("Content-Type", "application/json")
            .timeout(java.time.Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(command.encode())).build());
      } catch (UncheckedIOException e) {
        transportFailures.incrementAndGet();
        continue;
      }
      if (a.status() == 201 || a.status() == 409) {
        answers.put(commandId, new Final(a.status(), eventIds(a), System.nanoTime()));
        return;
      }
      if (a.status() != 202 && a.status() != 503) {
        throw new IllegalStateException(commandId + " got " + a.status() + ": " + a.raw().body());
      }
    }
  }

  private static List<String> eventIds(ApiClient.Answer a) {
    if (a.status() != 201) {
      return List.of();
    }
    JsonArray events = a.json().getJsonArray("events");
    return events.stream().map(e -> ((JsonObject) e).getString("eventId")).toList();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

}
