package io.tally.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One real server running as a child process of ours: started with its output in a log file, awaited until
 * it answers, and stopped by its process id (gracefully first, then forcibly) so nothing outlives its owner.
 */
public final class ServerProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final Thread stopOnExit;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.stopOnExit = new Thread(this::close, "stop-" + name);
  }

  public static ServerProcess start(String name, List<String> command, Path workDir, Path log) {
    return start(name, command, Map.of(), workDir, log);
  }

  /** env is added to the inherited environment; secrets go here rather than on a command line ps can show. */
  public static ServerProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
                                    Path log) {
    try {
      Files.createDirectories(workDir);
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      Process p = builder
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      // No shutdown hook per process: the owner (the launcher, a test extension) stops its servers in order,
      // services before the broker they write to, which concurrent per-process hooks could not promise.
      return new ServerProcess(name, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", command), e);
    }
  }

  /**
   * Runs a one-shot tool (e.g. a storage formatter) to its end, output appended to log; fails with the log's tail
   * when it exits non-zero or overruns the timeout, so a setup step never fails silently.
   */
  public static void runToCompletion(String name, List<String> command, Path workDir, Path log, Duration timeout) {
    ServerProcess tool = start(name, command, workDir, log);
    if (!tool.waitFor(timeout)) {
      tool.kill();
      throw new IllegalStateException(name + " did not finish within " + timeout + "; log " + log + ":\n"
          + tool.tail(40));
    }
    tool.forgetOnExit();
    if (tool.process.exitValue() != 0) {
      throw new IllegalStateException(name + " failed with exit code " + tool.process.exitValue() + "; log " + log
          + ":\n" + tool.tail(40));
    }
  }

  /** The java binary of the running JVM, so child JVMs use the same JDK 17. */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Command line for a child JVM on the given classpath. */
  public static List<String> javaCommand(String classpath, List<String> jvmArgs, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /** Waits until ready() holds, failing early with the log's tail if the process exits or time runs out. */
  public ServerProcess awaitReady(Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; log "
            + log + ":\n" + tail(40));
      }
      if (ready.getAsBoolean()) {
        return this;
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException(name + " not ready after " + timeout + "; log " + log + ":\n" + tail(40));
  }

  public static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String name() { return name; }
  public long pid() { return process.pid(); }
  public boolean isAlive() { return process.isAlive(); }
  public Path log() { return log; }

  /** kill -9: what a crash looks like, for tests that prove nothing is lost. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
    forgetOnExit();
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      forgetOnExit();
      return;
    }
    process.destroy();
    if (!waitFor(Duration.ofSeconds(20))) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
    forgetOnExit();
  }

  /** A stopped server needs no exit hook; dropping it keeps restart loops from piling up hooks. */
  private void forgetOnExit() {
    if (process.isAlive() || Thread.currentThread() == stopOnExit) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting and runs the hook anyway; it finds the process gone and returns.
    }
  }

  private boolean waitFor(Duration d) {
    try {
      return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String tail(int lines) {
    try {
      List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
