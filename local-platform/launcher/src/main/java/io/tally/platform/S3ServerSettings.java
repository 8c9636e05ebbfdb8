package io.tally.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files s3proxy runs from, rewritten on each start because the port may change between starts. */
final class S3ServerSettings {
  private S3ServerSettings() {}

  static Path log(Path dataDir) {
    return dataDir.resolve("s3proxy.log");
  }

  /**
   * True once s3proxy has logged that its HTTP connector started (Jetty's INFO line) after byte logStart of the
   * log; the log is appended across restarts, so earlier runs' lines must not count.
   */
  static boolean serving(Path dataDir, long logStart) {
    try (FileChannel log = FileChannel.open(log(dataDir))) {
      ByteBuffer tail = ByteBuffer.allocate((int) Math.max(0, Math.min(1 << 20, log.size() - logStart)));
      log.read(tail, logStart);
      return new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).contains("Started ServerConnector");
    } catch (IOException notYet) {
      return false;
    }
  }

  static long logSize(Path dataDir) {
    try {
      return Files.exists(log(dataDir)) ? Files.size(log(dataDir)) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the size of " + log(dataDir), e);
    }
  }

  /** Writes s3proxy.properties and logback.xml into dataDir; returns the properties file. */
  static Path write(Path dataDir, int port, String accessKey, String secretKey) {
    Path blobs = dataDir.resolve("blobs");
    String properties = String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        // The AWS SDK v2 signs with v4; v2 is kept for older tools.
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        // Required by s3proxy's start-up check even though the filesystem backend ignores them.
        "jclouds.identity=local",
        "jclouds.credential=local",
        // filesystem-nio2 replaces jclouds' "filesystem" backend, which s3proxy 2.6 reports as deprecated.
        "jclouds.provider=filesystem-nio2",
        "jclouds.filesystem.basedir=" + blobs,
        "");
    // With no logback.xml on its classpath, s3proxy logs DEBUG for every request. To the console, which
    // ServerProcess writes to the log file, so a failed start shows its reason in the error message.
    String logback = String.join("\n",
        "<configuration>",
        "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    <encoder><pattern>%d{ISO8601} %-5level [%logger{20}] %msg%n</pattern></encoder>",
        "  </appender>",
        "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>",
        "</configuration>",
        "");
    try {
      Files.createDirectories(blobs);
      Files.writeString(dataDir.resolve("logback.xml"), logback);
      return Files.writeString(dataDir.resolve("s3proxy.properties"), properties);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the s3proxy settings under " + dataDir, e);
    }
  }

  /**
   * First on the command line, naming the folder: how a leftover s3proxy is recognised. The JDK shows only the
   * first 4096 characters of a command line (ProcessHandle.Info), and the classpath pushes the main class out.
   */
  static String ownerMark(Path dataDir) {
    return "-Dtally.s3.data=" + dataDir.toAbsolutePath();
  }

  static List<String> jvmArgs(Path dataDir) {
    return List.of(ownerMark(dataDir), "-Xms64m", "-Xmx256m", "-Djava.awt.headless=true",
        "-Dlogback.configurationFile=" + dataDir.resolve("logback.xml"));
  }
}
