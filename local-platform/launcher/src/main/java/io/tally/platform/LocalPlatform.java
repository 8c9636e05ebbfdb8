package io.tally.platform;

import io.tally.service.auth.Tokens;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * `make run`: the whole platform on one machine with no Docker. Real servers as their own processes (Kafka in
 * KRaft mode, Postgres, ClickHouse, s3proxy), then the services, each its own JVM. Data stays under .platform/
 * across restarts; Ctrl-C stops everything, services first.
 */
public final class LocalPlatform {
  public static final String DATABASE = "tally";
  public static final String LAKE_BUCKET = "tally-lake";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, Long> pids = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    PlatformOptions options;
    try {
      options = PlatformOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LocalPlatform platform = new LocalPlatform();
    Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "stop-platform"));
    try {
      platform.start(options);
    } catch (Exception e) {
      System.err.println("platform failed to start: " + e.getMessage());
      platform.stop();
      System.exit(1);
    }
    new CountDownLatch(1).await();
  }

  void start(PlatformOptions o) throws Exception {
    long t0 = System.nanoTime();
    if (o.fresh()) {
      DataDirs.delete(o.dataDir());
    }
    Files.createDirectories(o.dataDir());
    for (int port : List.of(o.queryPort(), o.commandPort(), o.projectionsPort())) {
      if (!FreePorts.isFree(port)) {
        throw new IllegalStateException("port " + port + " is taken; choose another with --query-port,"
            + " --command-port or --projections-port");
      }
    }
    Path data = o.dataDir();
    say("starting Kafka (KRaft), Postgres, ClickHouse and S3 under " + data);
    boolean any = o.anyPorts();
    var kafka = CompletableFuture.supplyAsync(() -> LocalKafka.start(data.resolve("kafka"), port(9092, any)));
    var pg = CompletableFuture.supplyAsync(() -> LocalPostgres.start(data.resolve("postgres"), port(5432, any)));
    var ch = CompletableFuture.supplyAsync(() -> LocalClickHouse.start(data.resolve("clickhouse"), port(8123, any)));
    var s3 = CompletableFuture.supplyAsync(() -> LocalS3.start(data.resolve("s3"), port(9000, any)));
    try {
      CompletableFuture.allOf(kafka, pg, ch, s3).join();
    } finally {
      // Whatever did start must be stopped, even when a sibling failed.
      for (var f : List.of(pg, kafka, ch, s3)) {
        if (f.isDone() && !f.isCompletedExceptionally()) {
          started.push(f.join());
        }
      }
    }
    Infrastructure infra = new Infrastructure(kafka.join(), pg.join(), ch.join(), s3.join());
    pids.putAll(infra.pids());
    infra.prepare(o.partitions());

    String secret = DataDirs.secret(data.resolve("jwt-secret"));
    Vertx vertx = Vertx.vertx();
    try {
      DevTokens.write(Tokens.hs256(vertx, secret), data.resolve("dev-tokens.json"));
    } finally {
      vertx.close();
    }
    Map<String, String> env = infra.serviceSettings(secret);
    // The demo tenants exist in the catalog from the first start, so their dev tokens work at once.
    env.put("tally.tenants.seed", String.join(",", DevTokens.DEMO_TENANTS));
    Path logs = data.resolve("logs");
    startService(o.home(), "command-side", o.commandPort(), "tally.command.port", env, logs);
    startService(o.home(), "projections", o.projectionsPort(), "tally.projections.port", env, logs);
    Map<String, String> queryEnv = new LinkedHashMap<>(env);
    // Dev mode: the sign-in page offers the dev tokens; the admin page reaches projections through the query side.
    queryEnv.put("tally.dev-tokens.file", data.resolve("dev-tokens.json").toString());
    queryEnv.put("tally.projections.url", "http://127.0.0.1:" + o.projectionsPort());
    startService(o.home(), "query-side", o.queryPort(), "tally.query.port", queryEnv, logs);
    PlatformManifest.write(data, o, env, pids);

    say("");
    say("  dashboard & query API   http://localhost:" + o.queryPort() + "/");
    say("  command API             http://localhost:" + o.commandPort() + "/");
    say("  projections admin API   http://localhost:" + o.projectionsPort() + "/");
    say("  health                  http://localhost:{" + o.queryPort() + "," + o.commandPort() + ","
        + o.projectionsPort() + "}/health   metrics: /metrics");
    say("  Kafka bootstrap         " + infra.kafka().bootstrapServers());
    say("  Postgres                postgresql://postgres:postgres@127.0.0.1:" + infra.postgres().port() + "/" + DATABASE);
    say("  ClickHouse HTTP         " + infra.clickHouse().httpUrl() + "  (database " + DATABASE + ")");
    say("  S3 (s3proxy)            " + infra.s3().endpoint() + "  bucket " + LAKE_BUCKET);
    say("  dev tokens              " + data.resolve("dev-tokens.json"));
    say("  settings for tools      " + data.resolve("platform.env") + ", " + data.resolve("platform.json"));
    say("  logs                    " + logs);
    say("");
    say(String.format("Tally is ready in %.1f s. Press Ctrl-C to stop.", (System.nanoTime() - t0) / 1e9));
  }

  private void startService(Path home, String name, int port, String portSetting, Map<String, String> env,
                            Path logs) {
    Map<String, String> own = new LinkedHashMap<>(env);
    own.put(portSetting, Integer.toString(port));
    ServerProcess service = ServiceLaunch.start(name, home.resolve(name).resolve("target").resolve(name + ".jar"),
        port, own, logs);
    started.push(service);
    pids.put(name, service.pid());
    say(name + " is up on port " + port);
  }

  /** Stops in the reverse order of start: services first, so they never outlive the broker they write to. */
  synchronized void stop() {
    while (!started.isEmpty()) {
      AutoCloseable next = started.pop();
      try {
        next.close();
      } catch (Exception e) {
        System.err.println("stopping " + next + ": " + e.getMessage());
      }
    }
  }

  /** The usual port when it is free, so a person finds things where they expect; any free one otherwise. */
  private static int port(int usual, boolean anyPort) {
    return !anyPort && FreePorts.isFree(usual) ? usual : FreePorts.next();
  }

  static void say(String line) {
    System.out.println(line);
  }
}
