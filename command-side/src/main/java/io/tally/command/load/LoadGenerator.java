package io.tally.command.load;

import io.tally.service.auth.Tokens;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code make load}: realistic order lifecycles for N tenants over HTTP at a target rate, a live line per second
 * and a summary at the end; or, with --poison, malformed records straight into orders.events. Runs from the
 * command side's jar: {@code java -cp command-side/target/command-side.jar io.tally.command.load.LoadGenerator}.
 */
public final class LoadGenerator {
  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    LoadOptions o;
    try {
      o = LoadOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (o.poison() > 0) {
      PoisonWriter.write(o);
      return;
    }
    JsonObject summary;
    try {
      summary = run(o);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println();
    System.out.println(format(summary));
    if (o.json()) {
      System.out.println(summary.encode());
    }
    System.exit(summary.getLong("answered") > 0 && summary.getLong("errors") == 0 ? 0 : 1);
  }

  /** A run from command-line arguments, for benchmarks that drive the generator from code. */
  public static JsonObject run(List<String> args) throws Exception {
    return run(LoadOptions.parse(args));
  }

  /** The whole run: tenants, tokens, load; returns the summary. */
  static JsonObject run(LoadOptions o) throws Exception {
    String secret = o.secret();
    if (secret == null) {
      throw new IllegalArgumentException("no token secret: start the platform (make run) or pass --secret");
    }
    Vertx vertx = Vertx.vertx();
    try {
      Tokens tokens = Tokens.hs256(vertx, secret);
      List<String> tenants = new ArrayList<>();
      Map<String, String> writerTokens = new LinkedHashMap<>();
      for (int i = 1; i <= o.tenants(); i++) {
        String tenant = o.tenantPrefix() + "-" + i;
        tenants.add(tenant);
        writerTokens.put(tenant, tokens.issue("load-generator", tenant, List.of("writer"), 24 * 3600));
      }
      HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
          .setConnectTimeout(5000).setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(o.connections()));
      // One context for the whole run: timers and HTTP callbacks on one event loop, so no state is shared.
      Context context = vertx.getOrCreateContext();
      String admin = tokens.issue("load-generator", null, List.of("platform-admin"), 3600);
      JsonObject summary = Future.<JsonObject>future(p -> context.runOnContext(v ->
          (o.createTenants() ? LoadTenants.ensure(http, o, admin, tenants) : Future.<Void>succeededFuture())
              .compose(x -> {
                System.out.printf("load: %s, %d tenants, %s, %d connections, %ds warm-up + %ds%n", o.url(),
                    o.tenants(), o.rate() > 0 ? o.rate() + " commands/s" : "closed loop", o.connections(),
                    o.warmupSeconds(), o.seconds());
                return new LoadRun(vertx, http, o, tenants, writerTokens).run();
              }).onComplete(p)))
          .toCompletionStage().toCompletableFuture().get(o.warmupSeconds() + o.seconds() + 120, TimeUnit.SECONDS);
      return summary;
    } finally {
      vertx.close();
    }
  }

  static String format(JsonObject s) {
    return String.format("summary: %,d commands in %.1f s = %,d/s (target %s)%n"
            + "  accepted %,d  refused %,d  pending %,d  throttled %,d  invalid %,d  errors %,d%n"
            + "  latency p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms",
        s.getLong("answered"), s.getDouble("seconds"), s.getLong("achievedPerSecond"),
        s.getInteger("targetRate") == 0 ? "closed loop" : s.getInteger("targetRate") + "/s",
        s.getLong("accepted"), s.getLong("refused"), s.getLong("pending"), s.getLong("throttled"),
        s.getLong("invalid"), s.getLong("errors"), s.getDouble("p50Ms"), s.getDouble("p90Ms"), s.getDouble("p99Ms"),
        s.getDouble("p999Ms"), s.getDouble("maxMs"));
  }
}
