package io.tally.query.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.query.support.Http;
import io.tally.service.auth.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveLatencyBenchmark}'s measurement against a running {@code make run}: every service in its own
 * process, as deployed, instead of one test JVM. Start the platform first, then {@code mvn -pl query-side test
 * -Dtest=PlatformLiveLatencyBenchmark -Dbench.rate=1000 -Dbench.seconds=30 [-Dbench.warmup=90]
 * [-Dbench.platform=../.platform]}. It
 * creates a tenant of its own with a quota above the rate (tokens minted with the platform's secret).
 */
class PlatformLiveLatencyBenchmark {

  @Test
  void commandToDeltaAcrossProcesses() throws IOException {
    Path platform = Path.of(System.getProperty("bench.platform", "../.platform"));
    assertThat(platform.resolve("platform.json")).as("start the platform with make run first").exists();
    JsonObject services = new JsonObject(Files.readString(platform.resolve("platform.json")))
        .getJsonObject("services");
    Map<String, String> env = Files.readAllLines(platform.resolve("platform.env")).stream()
        .filter(l -> l.contains("=")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
            l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
    int rate = Integer.getInteger("bench.rate", 1000);
    String tenant = "lat-" + Long.toString(System.currentTimeMillis(), 36);
    Vertx vertx = Vertx.vertx();
    try {
      Tokens tokens = Tokens.hs256(vertx, env.get("TALLY_JWT_SECRET"));
      Http commands = new Http(services.getString("command"));
      Http.Answer created = commands.post("/v1/admin/tenants", tokens.issue("bench", null,
          List.of("platform-admin"), 600), new JsonObject().put("id", tenant).put("displayName", "latency bench")
          .put("quota", new JsonObject().put("commandsPerSecond", rate * 10).put("burst", rate * 10)).encode());
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String query = services.getString("query");
      LiveLatencyRun run = new LiveLatencyRun(services.getString("command"),
          query.replaceFirst("^http", "ws") + "/v1/tenants/" + tenant + "/live", tenant,
          tokens.issue("bench-writer", tenant, List.of("writer"), 3600),
          tokens.issue("bench-viewer", tenant, List.of("viewer"), 3600));
      // A fresh make run spends its first minute or two compiling (five JVMs' JITs on two cores): the same rate,
      // unmeasured, first, so the figures are the platform's steady state and not its warm-up.
      int warmup = Integer.getInteger("bench.warmup", 90);
      if (warmup > 0) {
        System.out.println("BENCH warm-up " + run.measure(rate, warmup).encode());
      }
      JsonObject figures = run.measure(rate, Integer.getInteger("bench.seconds", 30));
      LatencyHistogram.report("live-latency-platform-" + rate, figures);
    } finally {
      vertx.close();
    }
  }
}
