package io.tally.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.tally.service.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts one service jar as its own JVM (so a kill -9 of it is a real crash), configured only through TALLY_*
 * environment variables, and waits until its /health answers 200.
 */
final class ServiceLaunch {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private ServiceLaunch() {}

  static ServerProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build first with `mvn -q install -DskipTests`"
          + " (make run does this)");
    }
    List<String> cmd = new ArrayList<>(List.of(ServerProcess.javaBinary()));
    cmd.addAll(heap(name));
    cmd.add("-Dvertx.disableDnsResolver=true");
    cmd.addAll(List.of("-jar", jar.toString()));
    Map<String, String> vars = new LinkedHashMap<>();
    env.forEach((k, v) -> vars.put(Settings.envName(k), v));
    ServerProcess process = ServerProcess.start(name, cmd, vars, logDir, logDir.resolve(name + ".log"));
    return process.awaitReady(Duration.ofSeconds(90), () -> healthy(port));
  }

  /**
   * Small serial-collected heaps, except for the projections: catching up, each projection holds two batches of
   * up to 50,000 decoded events, and in 512 MiB with the serial collector a third of the catch-up was garbage
   * collection (docs/benchmarks.md). A fixed 1 GiB with the parallel collector keeps the young generation large.
   */
  static List<String> heap(String service) {
    return service.equals("projections") ? List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC")
        : List.of("-Xmx512m", "-XX:+UseSerialGC");
  }

  static boolean healthy(int port) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(5)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
