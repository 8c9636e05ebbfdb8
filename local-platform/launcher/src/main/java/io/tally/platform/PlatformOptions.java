package io.tally.platform;

import java.nio.file.Path;
import java.util.List;

/** What `make run` was asked for: where data lives, whether to start fresh, and the ports. */
record PlatformOptions(Path dataDir, Path home, boolean fresh, boolean anyPorts, int queryPort, int commandPort,
                       int projectionsPort, int partitions) {

  static PlatformOptions parse(List<String> args) {
    Path dataDir = Path.of(".platform");
    Path home = Path.of("");
    boolean fresh = false;
    boolean anyPorts = false;
    int query = Integer.getInteger("tally.query.port", 8080);
    int command = Integer.getInteger("tally.command.port", 8081);
    int projections = Integer.getInteger("tally.projections.port", 8082);
    int partitions = Integer.getInteger("tally.partitions", 6);
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--fresh" -> fresh = true;
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
        case "--home" -> home = Path.of(value(args, ++i, "--home"));
        case "--any-ports" -> anyPorts = true;
        case "--query-port" -> query = Integer.parseInt(value(args, ++i, "--query-port"));
        case "--command-port" -> command = Integer.parseInt(value(args, ++i, "--command-port"));
        case "--projections-port" -> projections = Integer.parseInt(value(args, ++i, "--projections-port"));
        case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, "--partitions"));
        default -> throw new IllegalArgumentException("unknown option " + args.get(i) + "\n" + usage());
      }
    }
    if (anyPorts) {
      query = FreePorts.next();
      command = FreePorts.next();
      projections = FreePorts.next();
    }
    return new PlatformOptions(dataDir.toAbsolutePath(), home.toAbsolutePath(), fresh, anyPorts, query, command,
        projections, partitions);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value\n" + usage());
    }
    return args.get(i);
  }

  static String usage() {
    return "usage: local-platform [--fresh] [--data-dir DIR] [--home REPO] [--any-ports] [--query-port P]"
        + " [--command-port P] [--projections-port P] [--partitions N]\n"
        + "  --home: the checkout whose */target/*.jar services to start (default: the current folder)\n"
        + "  --any-ports: every port picked free (for tests next to a running platform)";
  }
}
