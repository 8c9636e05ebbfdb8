package io.tally.command.it;

import io.tally.platform.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The command side as its own OS process (its main class on this module's runtime classpath, which is what the
 * shaded jar packs), so kill -9 is a real crash: no shutdown hook, no flush, an open transaction left behind.
 */
final class CommandProcess {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private CommandProcess() {}

  static ServerProcess start(String name, Map<String, String> env, Path dir) {
    List<String> command = ServerProcess.javaCommand(System.getProperty("java.class.path"),
        List.of("-Xmx512m", "-XX:+UseSerialGC"), "io.tally.command.CommandSideMain", List.of());
    ServerProcess process = ServerProcess.start(name, command, env, dir, dir.resolve(name + ".log"));
    int port = Integer.parseInt(env.get("TALLY_COMMAND_PORT"));
    return process.awaitReady(Duration.ofSeconds(120), () -> healthy(port));
  }

  /** Removes a run's log folder; called only after success, so a failed run's logs stay for reading. */
  static void deleteLogs(Path dir) throws java.io.IOException {
    try (var all = java.nio.file.Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static boolean healthy(int port) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(5)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
