package io.tally.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of a server that runs in its own JVM, read from the resource its runtime module wrote at build
 * time. The resource holds absolute paths into the local Maven repository, so it goes stale when that
 * repository is cleaned or the build ran on another machine: every jar is checked before a start, and a missing
 * one fails with the command that puts it back.
 */
final class ServerClasspath {
  private ServerClasspath() {}

  /** resource: a file name in this package, e.g. "kafka-broker.classpath"; module: the Maven module that writes it. */
  static String read(String resource, String module) {
    String text;
    try (InputStream in = ServerClasspath.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource io/tally/platform/" + resource + " is missing: build it"
            + " with `mvn -pl " + module + " install -DskipTests` and put its jar on this classpath");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read classpath resource " + resource, e);
    }
    List<String> missing = Arrays.stream(text.split(java.io.File.pathSeparator))
        .filter(entry -> !entry.isBlank() && !Files.isRegularFile(Path.of(entry)))
        .toList();
    if (text.isEmpty() || !missing.isEmpty()) {
      throw new IllegalStateException("the server classpath in " + resource + " names " + missing.size()
          + " jar(s) that are not on disk (first: " + (missing.isEmpty() ? "none listed" : missing.get(0))
          + "); rebuild it with `mvn -pl " + module + " install -DskipTests` so Maven downloads them");
    }
    return text;
  }
}
