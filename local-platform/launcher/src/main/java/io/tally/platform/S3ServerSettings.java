package io.tally.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files s3proxy runs from, rewritten on each start because the port may change between starts. */
final class S3ServerSettings {
  private S3ServerSettings() {}

  /** Writes s3proxy.properties and logback.xml into dataDir; returns the properties file. */
  static Path write(Path dataDir, int port, String accessKey, String secretKey) {
    Path blobs = dataDir.resolve("blobs");
    String properties = String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        // The AWS SDK v2 signs with v4; v2 is kept for older tools.
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        // filesystem-nio2 replaces jclouds' "filesystem" backend, which s3proxy 2.6 reports as deprecated.
        "jclouds.provider=filesystem-nio2",
        "jclouds.filesystem.basedir=" + blobs,
        "");
    // With no logback.xml on its classpath, s3proxy logs DEBUG for every request to the console.
    String logback = String.join("\n",
        "<configuration>",
        "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">",
        "    <file>" + dataDir.resolve("s3proxy.log") + "</file>",
        "    <encoder><pattern>%d{ISO8601} %-5level [%logger{20}] %msg%n</pattern></encoder>",
        "  </appender>",
        "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>",
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

  static List<String> jvmArgs(Path dataDir) {
    return List.of("-Xms64m", "-Xmx256m", "-Djava.awt.headless=true",
        "-Dlogback.configurationFile=" + dataDir.resolve("logback.xml"));
  }
}
