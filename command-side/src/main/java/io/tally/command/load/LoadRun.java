package io.tally.command.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Drives the orders. Open loop at a target rate: command k is due at t0 + k/rate, and its latency is measured from
 * that due time, so a slow server cannot hide its queueing by slowing the generator down (coordinated omission).
 * Closed loop (rate 0): a fixed number of requests always in flight. An order's next step is sent only after its
 * previous step was answered, as a real client would; 429, 5xx and broken connections resend the same command.
 */
final class LoadRun {
  private final Vertx vertx;
  private final HttpClient http;
  private final LoadOptions o;
  private final List<String> tenants;
  private final Map<String, String> tokens;
  private final LoadStats stats = new LoadStats();
  private final Deque<OrderScript> ready = new ArrayDeque<>();
  private final Random rnd = new Random(42);
  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private long orders;
  private long issued;
  private int inFlight;
  private long t0;
  private boolean measuring;
  private boolean stopping;

  LoadRun(Vertx vertx, HttpClient http, LoadOptions o, List<String> tenants, Map<String, String> tokens) {
    this.vertx = vertx;
    this.http = http;
    this.o = o;
    this.tenants = tenants;
    this.tokens = tokens;
  }

  /** Runs warm-up plus the measured period on the caller's context; completes with the summary. */
  Future<JsonObject> run() {
    Promise<JsonObject> done = Promise.promise();
    t0 = System.nanoTime();
    long[] seconds = {0};
    vertx.setPeriodic(1000, id -> {
      seconds[0]++;
      boolean warming = seconds[0] <= o.warmupSeconds();
      System.out.println(stats.progressLine(seconds[0], warming));
      if (seconds[0] == o.warmupSeconds()) {
        stats.startMeasuring();
        measuring = true;
      }
      if (seconds[0] >= o.warmupSeconds() + o.seconds()) {
        vertx.cancelTimer(id);
        stopping = true;
        drain(done, 0);
      }
    });
    if (o.warmupSeconds() == 0) {
      measuring = true;
    }
    if (o.rate() > 0) {
      vertx.setPeriodic(1, id -> {
        if (stopping) {
          vertx.cancelTimer(id);
          return;
        }
        // Command k is due at t0 + k/rate: by then k + 1 commands (0..k) are due.
        long due = (long) ((System.nanoTime() - t0) / 1e9 * o.rate()) + 1;
        while (issued < due && inFlight < o.connections()) {
          send(next(), t0 + (long) (issued * 1e9 / o.rate()));
        }
      });
    } else {
      for (int i = 0; i < o.connections(); i++) {
        send(next(), System.nanoTime());
      }
    }
    return done.future();
  }

  private void drain(Promise<JsonObject> done, int waited) {
    if (inFlight == 0 || waited > 300) {
      done.complete(stats.summary(o));
    } else {
      vertx.setTimer(100, t -> drain(done, waited + 1));
    }
  }

  private OrderScript next() {
    OrderScript script = ready.pollFirst();
    if (script == null) {
      String tenant = tenants.get((int) (orders % tenants.size()));
      script = OrderScript.draw(tenant, "ord-" + runId + "-" + (orders++), rnd);
    }
    return script;
  }

  private void send(OrderScript script, long dueNanos) {
    issued++;
    inFlight++;
    stats.sent++;
    boolean counted = measuring;
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(o.url() + "/v1/tenants/" + script.tenant + "/commands")
        .putHeader("Authorization", "Bearer " + tokens.get(script.tenant))
        .putHeader("Content-Type", "application/json");
    if (o.async()) {
      request.putHeader("Prefer", "respond-async");
    }
    Buffer body = script.current().toBuffer();
    http.request(request)
        .compose(req -> req.send(body).compose(resp -> resp.body().map(b -> resp.statusCode())))
        .onComplete(answer -> {
          inFlight--;
          int status = answer.succeeded() ? answer.result() : 599;
          stats.answered(status, (System.nanoTime() - dueNanos) / 1000, counted);
          boolean definite = status == 201 || status == 202 || status == 409 || status == 422;
          if (!definite || script.advance()) {
            ready.addLast(script);
          }
          if (o.rate() == 0 && !stopping) {
            send(next(), System.nanoTime());
          }
        });
  }
}
