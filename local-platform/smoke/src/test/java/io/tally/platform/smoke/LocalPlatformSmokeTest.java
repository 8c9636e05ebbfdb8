package io.tally.platform.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.platform.ServerProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make run` as a test: the launcher as its own process on free ports and a temporary data folder, every server
 * and service real. It must reach ready, every service must answer /health and /metrics, and a stop must leave
 * no process of it behind.
 */
class LocalPlatformSmokeTest {
  private static final Path HOME = Path.of("../..").toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void platformReachesReadyServesHealthAndMetricsAndStopsCompletely(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path jar = HOME.resolve("local-platform/launcher/target/local-platform-all.jar");
    assertThat(jar).as("launcher jar; build with mvn install").exists();
    ServerProcess launcher = ServerProcess.start("local-platform", List.of(ServerProcess.javaBinary(), "-jar",
        jar.toString(), "--fresh", "--data-dir", data.toString(), "--home", HOME.toString(), "--any-ports"),
        dir, dir.resolve("launcher.log"));
    List<ProcessHandle> children;
    try {
      launcher.awaitReady(Duration.ofMinutes(4), () -> logSays(dir, "Tally is ready"));
      JsonObject manifest = new JsonObject(Files.readString(data.resolve("platform.json")));
      JsonObject services = manifest.getJsonObject("services");
      assertThat(services.fieldNames()).containsExactlyInAnyOrder("query", "command", "projections");
      for (String name : services.fieldNames()) {
        String base = services.getString(name);
        HttpResponse<String> health = get(base + "/health");
        assertThat(health.statusCode()).as(name + " /health").isEqualTo(200);
        assertThat(new JsonObject(health.body()).getString("outcome")).isEqualTo("UP");
        HttpResponse<String> metrics = get(base + "/metrics");
        assertThat(metrics.statusCode()).as(name + " /metrics").isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("service=\"");
      }
      JsonArray tokens = new JsonObject(Files.readString(data.resolve("dev-tokens.json"))).getJsonArray("tokens");
      assertThat(tokens.stream().map(t -> ((JsonObject) t).getString("tenant")))
          .contains("acme", "globex").containsNull();
      assertThat(Files.readString(data.resolve("platform.env"))).contains("TALLY_KAFKA_BOOTSTRAP=");
      JsonObject pids = manifest.getJsonObject("processes");
      assertThat(pids.fieldNames()).containsExactlyInAnyOrder("kafka", "postgres", "clickhouse", "s3",
          "command-side", "projections", "query-side");
      // Postgres is started through pg_ctl and so is not our descendant: follow every recorded pid as well.
      children = new java.util.ArrayList<>(ProcessHandle.of(launcher.pid()).orElseThrow().descendants().toList());
      for (String name : pids.fieldNames()) {
        ProcessHandle handle = ProcessHandle.of(pids.getLong(name)).orElse(null);
        assertThat(handle).as(name + " process is running").isNotNull();
        children.add(handle);
      }
    } finally {
      launcher.close();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(children.stream().filter(ProcessHandle::isAlive).map(p -> p.info().command().orElse("?")))
        .as("processes left after the platform stopped").isEmpty();
  }

  private static boolean logSays(Path dir, String line) {
    try {
      return Files.readString(dir.resolve("launcher.log")).contains(line);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
