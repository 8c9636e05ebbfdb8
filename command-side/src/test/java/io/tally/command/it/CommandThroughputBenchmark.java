package io.tally.command.it;

import io.tally.command.load.LoadGenerator;
import io.tally.platform.ServerProcess;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The figures of docs/benchmarks.md: the command side as its own JVM (like make run starts it) on the test
 * broker (its own JVM) and Postgres, all on this machine, driven over HTTP by the load generator in this JVM.
 * Not part of the suite (no *Test name); run with
 * {@code mvn -pl command-side test -Dtest=CommandThroughputBenchmark -Dbench.rates=500,2000,0}.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class CommandThroughputBenchmark {

  @Test
  void sustainedRatesAndLatency(TestKafka kafka, TestPostgres pg) throws Exception {
    String[] rates = System.getProperty("bench.rates", "500,2000,0").split(",");
    int seconds = Integer.getInteger("bench.seconds", 30);
    int connections = Integer.getInteger("bench.connections", 256);
    Map<String, String> env = CommandSide.settings(kafka, pg, Map.of("TALLY_TOPICS_PARTITIONS", "6",
        "TALLY_TENANTS_SEED", ""));
    Path dir = Files.createTempDirectory("tally-bench-");
    List<JsonObject> results = new ArrayList<>();
    try (ServerProcess side = CommandProcess.start("command-side", env, dir)) {
      Map<String, Long> pids = new java.util.LinkedHashMap<>();
      pids.put("command-side", side.pid());
      pids.put("broker", kafka.broker().pid());
      pids.put("postgres", pg.server().pid());
      String url = "http://127.0.0.1:" + env.get("TALLY_COMMAND_PORT");
      // A fresh JVM compiles its hot paths in the first tens of seconds; the first measured rate must not pay it.
      LoadGenerator.run(List.of("--url", url, "--secret", CommandSide.SECRET, "--tenants", "4", "--rate", "0",
          "--duration", Integer.toString(Integer.getInteger("bench.burnin", 20)), "--warmup", "0", "--connections",
          "64"));
      for (String rate : rates) {
        List<String> args = new ArrayList<>(List.of("--url", url,
            "--secret", CommandSide.SECRET, "--tenants", "4", "--rate", rate.trim(), "--duration",
            Integer.toString(seconds), "--warmup", "10", "--connections", Integer.toString(connections)));
        Map<String, Double> before = CpuMeter.sample(pids);
        JsonObject summary = LoadGenerator.run(args);
        Map<String, Double> after = CpuMeter.sample(pids);
        JsonObject cpu = new JsonObject();
        double commands = Math.max(1, summary.getLong("answeredWithWarmup"));
        after.forEach((name, used) -> cpu.put(name, Math.round((used - before.get(name)) / commands * 1e6)));
        summary.put("cpuMicrosPerCommand", cpu).put("loadAverage", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println(summary.encodePrettily());
        results.add(summary);
      }
    }
    StringBuilder table = new StringBuilder("| target | achieved/s | p50 ms | p99 ms | p99.9 ms | accepted | refused |"
        + " pending | errors | CPU us/command: command side, broker, Postgres, load generator | load avg |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonObject r : results) {
      JsonObject cpu = r.getJsonObject("cpuMicrosPerCommand");
      table.append(String.format("| %s | %,d | %.1f | %.1f | %.1f | %,d | %,d | %,d | %,d | %s, %s, %s, %s | %s |%n",
          r.getInteger("targetRate") == 0 ? "max (closed loop, " + r.getInteger("connections") + " in flight)"
              : r.getInteger("targetRate") + "/s", r.getLong("achievedPerSecond"), r.getDouble("p50Ms"),
          r.getDouble("p99Ms"), r.getDouble("p999Ms"), r.getLong("accepted"), r.getLong("refused"),
          r.getLong("pending"), r.getLong("errors") + r.getLong("invalid"), cpu.getLong("command-side"),
          cpu.getLong("broker"), cpu.getLong("postgres"), cpu.getLong("load-generator"),
          r.getString("loadAverage").split(" ")[0]));
    }
    CommandProcess.deleteLogs(dir);
    Path out = Path.of("target", "benchmarks", "command-throughput-" + Instant.now().getEpochSecond() + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table.toString());
    System.out.println(table);
  }
}
