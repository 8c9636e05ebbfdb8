package io.tally.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds Debian's clickhouse-server (it lives in /usr/sbin, which is not on every user's PATH) and, when we run
 * as root, installs it the way the machine image would. Anyone else gets told exactly what to install.
 */
final class ClickHouseBinary {
  static final String INSTALL_HINT = "clickhouse-server is not installed; install it with "
      + "`sudo apt-get install clickhouse-server` (Debian ships 18.16; run `sudo apt-get update` first if the "
      + "package is not found), or point TALLY_CLICKHOUSE_SERVER at a clickhouse-server binary";
  static final Path PACKAGED_CONFIG = Path.of("/etc/clickhouse-server/config.xml");

  private ClickHouseBinary() {}

  /** The binary to run, installing the Debian package first if it is missing and we are root. */
  static Path locateOrInstall(Path installLog) {
    return locateOrInstall(ClickHouseBinary::find, isRoot(), () -> install(installLog));
  }

  // Split out so the decision (found / install / refuse) can be tested without uninstalling the package.
  static Path locateOrInstall(Supplier<Optional<Path>> find, boolean root, Runnable installer) {
    Optional<Path> found = find.get();
    if (found.isPresent()) {
      return found.get();
    }
    if (!root) {
      throw new IllegalStateException(INSTALL_HINT);
    }
    installer.run();
    return find.get().orElseThrow(() -> new IllegalStateException("installed clickhouse-server but still cannot "
        + "find the binary. " + INSTALL_HINT));
  }

  static Optional<Path> find() {
    String override = System.getenv("TALLY_CLICKHOUSE_SERVER");
    if (override != null && !override.isBlank()) {
      if (!Files.isExecutable(Path.of(override))) {
        throw new IllegalStateException("TALLY_CLICKHOUSE_SERVER=" + override + " is not an executable file");
      }
      return Optional.of(Path.of(override));
    }
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/usr/local/bin"));
    return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "clickhouse-server"))
        .filter(Files::isExecutable).findFirst();
  }

  static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  /** apt-get install; if that fails (stale or empty package lists), apt-get update and try once more. */
  private static void install(Path log) {
    System.err.println("clickhouse-server missing; installing the Debian package (log: " + log + ")");
    if (run(log, "apt-get", "install", "-y", "clickhouse-server") == 0) {
      return;
    }
    if (run(log, "apt-get", "update") != 0 || run(log, "apt-get", "install", "-y", "clickhouse-server") != 0) {
      throw new IllegalStateException("apt-get could not install clickhouse-server, see " + log + ". " + INSTALL_HINT);
    }
  }

  private static int run(Path log, String... command) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
      return pb.start().waitFor();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing clickhouse-server", e);
    }
  }
}
