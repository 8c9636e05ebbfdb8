package io.tally.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server still running on one of our data directories because the JVM that started it died without stopping
 * it (kill -9, an IDE's red button). Servers detach from our JVM (pg_ctl daemonizes Postgres; nothing tells
 * ClickHouse its parent died), and a leftover holds the directory's lock, so the next start would fail. The data
 * directory is ours alone, so whatever runs on it is ours to stop.
 */
final class LeftoverServer {
  private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d+)");

  private LeftoverServer() {}

  /**
   * Stops the process named by the first number in the first line of pidFile (Postgres' postmaster.pid holds
   * "1234", ClickHouse's status file "PID: 1234") if it is alive and its command contains commandMarker, which
   * guards against a recycled pid belonging to something else. Returns the pid it stopped.
   */
  static Optional<Long> stopIfRunning(Path pidFile, String commandMarker, Duration grace) {
    Optional<ProcessHandle> leftover = pidIn(pidFile).flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(p -> command(p).contains(commandMarker));
    leftover.ifPresent(p -> stop(p, grace));
    return leftover.map(ProcessHandle::pid);
  }

  static Optional<Long> pidIn(Path pidFile) {
    try {
      List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
      Matcher m = FIRST_NUMBER.matcher(lines.isEmpty() ? "" : lines.get(0));
      return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String command(ProcessHandle p) {
    ProcessHandle.Info info = p.info();
    return info.commandLine().or(info::command).orElse("");
  }

  private static void stop(ProcessHandle p, Duration grace) {
    System.err.printf("stopping leftover server pid %d (%s)%n", p.pid(), command(p));
    p.destroy();
    try {
      p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception notYet) {
      p.destroyForcibly();
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("leftover server pid " + p.pid() + " survived kill -9", e);
      }
    }
  }
}
