package io.tally.lake.job;

import io.tally.lake.LakeSettings;
import io.tally.platform.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The lake job as its own JVM, as `make lake` and a CronJob run it, so that a kill -9 is a real crash: started on
 * the test's classpath with the settings as system properties, killed by pid when its log shows a phase.
 */
final class LakeJobProcess {
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(6);

  private LakeJobProcess() {}

  /** Runs compact to its end; fails with the log's tail unless it exits 0. */
  static String complete(LakeSettings settings, Path dir, String name) {
    Path log = dir.resolve(name + ".log");
    ServerProcess.runToCompletion(name, command(settings), dir, log, PHASE_TIMEOUT);
    return read(log);
  }

  /** Starts compact, waits until its log has a line containing phase, then kills it with -9; returns the log. */
  static String killDuring(LakeSettings settings, Path dir, String name, String phase) {
    Path log = dir.resolve(name + ".log");
    ServerProcess job = ServerProcess.start(name, command(settings), dir, log);
    try {
      job.awaitReady(PHASE_TIMEOUT, () -> read(log).contains(phase));
    } finally {
      job.kill();
    }
    return read(log);
  }

  private static List<String> command(LakeSettings s) {
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseSerialGC",
        "@" + System.getProperty("tally.lake.spark-jvm-options"),
        "-Dtally.kafka.bootstrap=" + s.kafkaBootstrap(),
        "-Dtally.lake.topic=" + s.topic(),
        "-Dtally.lake.catalog-url=" + s.jdbcUrl(),
        "-Dtally.pg.user=" + s.jdbcUser(),
        "-Dtally.pg.password=" + s.jdbcPassword(),
        "-Dtally.s3.endpoint=" + s.s3Endpoint(),
        "-Dtally.s3.access-key=" + s.s3AccessKey(),
        "-Dtally.s3.secret-key=" + s.s3SecretKey(),
        "-Dtally.s3.region=" + s.s3Region(),
        "-Dtally.lake.warehouse=" + s.warehouse(),
        "-Dlog4j2.configurationFile=log4j2-test.properties"));
    return ServerProcess.javaCommand(System.getProperty("java.class.path"), jvm, LakeBatch.class.getName(),
        List.of("compact"));
  }

  static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
