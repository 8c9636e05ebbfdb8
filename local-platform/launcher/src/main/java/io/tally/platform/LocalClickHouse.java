package io.tally.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A private clickhouse-server (Debian's 18.16) on free ports with its own data folder: the packaged config plus
 * command-line overrides, so nothing in /etc or /var/lib is touched and several can run side by side. Tables
 * survive a restart (or a kill -9) on the same folder. There is no shutdown hook: its owner closes it (a server
 * left by a JVM that died is stopped by the next start on the same folder).
 */
public final class LocalClickHouse implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private final ServerProcess process;
  private final Path dataDir;
  private final int httpPort;
  private final Duration startedIn;

  private LocalClickHouse(ServerProcess process, Path dataDir, int httpPort, Duration startedIn) {
    this.process = process;
    this.dataDir = dataDir;
    this.httpPort = httpPort;
    this.startedIn = startedIn;
  }

  public static LocalClickHouse start(Path dataDir, int httpPort) {
    Path dir = dataDir.toAbsolutePath();
    Path binary = ClickHouseBinary.locateOrInstall(dir.resolve("logs/apt-get.log"));
    if (!Files.isReadable(ClickHouseBinary.PACKAGED_CONFIG)) {
      throw new IllegalStateException(ClickHouseBinary.PACKAGED_CONFIG + " is missing. " + ClickHouseBinary.INSTALL_HINT);
    }
    // A server left on this folder by a JVM that died holds its lock; it is ours, so stop it.
    stopLeftover(dir);
    if (!FreePorts.isFree(httpPort)) {
      throw new IllegalStateException("ClickHouse HTTP port " + httpPort + " is taken; /ping would answer from "
          + "whatever server listens there, so LocalClickHouse refuses to start on it");
    }
    int tcpPort = otherFreePort(httpPort);
    int interserverPort = otherFreePort(httpPort, tcpPort);
    List<String> command = List.of(binary.toString(), "--config-file=" + ClickHouseBinary.PACKAGED_CONFIG, "--",
        "--http_port=" + httpPort, "--tcp_port=" + tcpPort, "--interserver_http_port=" + interserverPort,
        "--listen_host=127.0.0.1",
        "--path=" + dir + "/", "--tmp_path=" + dir + "/tmp/", "--user_files_path=" + dir + "/user_files/",
        "--format_schema_path=" + dir + "/format_schemas/",
        "--logger.log=" + dir + "/logs/clickhouse-server.log",
        "--logger.errorlog=" + dir + "/logs/clickhouse-server.err.log",
        // Without a terminal 18.16 logs only to the files, so a failed start (port taken) would show an empty
        // stdout; console=1 puts the reason where ServerProcess quotes it.
        "--logger.console=1",
        // The packaged 5 GiB mark cache is sized for a dedicated box, not a laptop shared with Kafka and Spark.
        "--mark_cache_size=268435456");
    long t0 = System.nanoTime();
    ServerProcess server = ServerProcess.start("clickhouse-" + httpPort, command, dir, dir.resolve("logs/stdout.log"));
    // Ready means /ping answers AND the status file names our process: a /ping answer alone could come from
    // another server that won the port in the meantime.
    server.awaitReady(Duration.ofSeconds(60), () -> "Ok.".equals(ping(httpPort))
        && LeftoverServer.pidIn(dir.resolve("status")).orElse(-1L) == server.pid());
    return new LocalClickHouse(server, dir, httpPort, Duration.ofNanos(System.nanoTime() - t0));
  }

  /** Stops a server left running on dataDir by a JVM that died without closing it; true if there was one. */
  public static boolean stopLeftover(Path dataDir) {
    return LeftoverServer.stopIfRunning(dataDir.resolve("status"), "clickhouse", Duration.ofSeconds(20)).isPresent();
  }

  public int httpPort() { return httpPort; }
  public String host() { return "127.0.0.1"; }
  public String httpUrl() { return "http://127.0.0.1:" + httpPort; }
  public Path dataDir() { return dataDir; }
  public long pid() { return process.pid(); }
  public boolean isAlive() { return process.isAlive(); }
  /** From process start until /ping answered. */
  public Duration startedIn() { return startedIn; }

  /** Creates the database if it does not exist yet. Blocking; for the launcher and tests. */
  public void createDatabase(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    post("CREATE DATABASE IF NOT EXISTS " + name);
  }

  /** kill -9: a crash, for tests that prove acknowledged inserts survive one. */
  public void kill() { process.kill(); }

  @Override
  public void close() { process.close(); }

  private void post(String sql) {
    try {
      Answer answer = send(httpPort, "POST", "/", sql, Duration.ofSeconds(30));
      if (answer.status() != 200) {
        throw new IllegalStateException("ClickHouse refused `" + sql + "`: " + answer.body().strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("ClickHouse on " + httpUrl() + " unreachable for `" + sql + "`", e);
    }
  }

  private static String ping(int port) {
    try {
      return send(port, "GET", "/ping", null, Duration.ofSeconds(1)).body().strip();
    } catch (IOException e) {
      return "";
    }
  }

  private record Answer(int status, String body) {}

  // One connection per request, closed at once: an idle keep-alive connection makes a graceful stop of the
  // server wait out its 3 s keep_alive_timeout (measured: 0.9 s stop without, 2.8-3 s with).
  private static Answer send(int port, String method, String path, String body, Duration timeout) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    try {
      c.setRequestMethod(method);
      c.setRequestProperty("Connection", "close");
      c.setConnectTimeout((int) Math.min(timeout.toMillis(), 2000));
      c.setReadTimeout((int) timeout.toMillis());
      if (body != null) {
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } finally {
      c.disconnect();
    }
  }

  private static int otherFreePort(Integer... taken) {
    List<Integer> avoid = List.of(taken);
    int port;
    do {
      port = FreePorts.next();
    } while (avoid.contains(port));
    return port;
  }
}
