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
   * Small serial-collected heaps, except for the projections: catching up, they allocate about 5 KB per event and
   * keep up to 100,000 polled, decoded or batched events alive; a young generation of 1.5 GiB is collected every
   * few seconds instead of several times a second, so far less of what is still alive is copied each time (with
   * the collector's default sizing in 1 GiB, collection was a third of the catch-up's CPU; docs/benchmarks.md).
   */
  static List<String> heap(String service) {
    return service.equals("projections") ? List.of("-Xms2g", "-Xmx2g", "-Xmn1536m", "-XX:+UseParallelGC")
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
