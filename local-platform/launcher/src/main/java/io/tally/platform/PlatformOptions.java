package io.tally.platform;

import java.nio.file.Path;
import java.util.List;

/** What `make run` was asked for: where data lives, whether to start fresh, and the ports. */
record PlatformOptions(Path dataDir, boolean fresh, int queryPort, int commandPort, int projectionsPort,
                       int partitions) {

  static PlatformOptions parse(List<String> args) {
    Path dataDir = Path.of(".platform");
    boolean fresh = false;
    int query = Integer.getInteger("tally.query.port", 8080);
    int command = Integer.getInteger("tally.command.port", 8081);
    int projections = Integer.getInteger("tally.projections.port", 8082);
    int partitions = Integer.getInteger("tally.partitions", 6);
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--fresh" -> fresh = true;
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
        case "--query-port" -> query = Integer.parseInt(value(args, ++i, "--query-port"));
        case "--command-port" -> command = Integer.parseInt(value(args, ++i, "--command-port"));
        case "--projections-port" -> projections = Integer.parseInt(value(args, ++i, "--projections-port"));
        case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, "--partitions"));
        default -> throw new IllegalArgumentException("unknown option " + args.get(i) + "\n" + usage());
      }
    }
    return new PlatformOptions(dataDir.toAbsolutePath(), fresh, query, command, projections, partitions);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value\n" + usage());
    }
    return args.get(i);
  }

  static String usage() {
    return "usage: local-platform [--fresh] [--data-dir DIR] [--query-port P] [--command-port P]"
        + " [--projections-port P] [--partitions N]";
  }
}
