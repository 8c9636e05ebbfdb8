package io.tally.command.load;

import java.nio.file.Path;
import java.util.List;

/**
 * What a load run does. {@code rate} 0 means closed loop: {@code connections} requests always in flight, as fast
 * as the service answers (the way to find the maximum).
 */
record LoadOptions(String url, int tenants, String tenantPrefix, int rate, int seconds, int warmupSeconds,
                   int connections, Path platformDir, String secret, boolean createTenants, int poison,
                   String bootstrap, String topicPrefix, boolean json, boolean async) {

  static LoadOptions parse(List<String> args) {
    String url = null;
    int tenants = 2;
    String tenantPrefix = "load";
    int rate = 500;
    int seconds = 30;
    int warmup = 5;
    int connections = 64;
    Path platform = Path.of(".platform");
    String secret = null;
    boolean create = true;
    int poison = 0;
    String bootstrap = null;
    String topicPrefix = null;
    boolean json = false;
    boolean async = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--url" -> url = value(args, ++i, a);
        case "--tenants" -> tenants = Integer.parseInt(value(args, ++i, a));
        case "--tenant-prefix" -> tenantPrefix = value(args, ++i, a);
        case "--rate" -> rate = Integer.parseInt(value(args, ++i, a));
        case "--duration" -> seconds = Integer.parseInt(value(args, ++i, a));
        case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
        case "--connections" -> connections = Integer.parseInt(value(args, ++i, a));
        case "--platform" -> platform = Path.of(value(args, ++i, a));
        case "--secret" -> secret = value(args, ++i, a);
        case "--no-create" -> create = false;
        case "--poison" -> poison = Integer.parseInt(value(args, ++i, a));
        case "--bootstrap" -> bootstrap = value(args, ++i, a);
        case "--topic-prefix" -> topicPrefix = value(args, ++i, a);
        case "--json" -> json = true;
        case "--async" -> async = true;
        case "--help", "-h" -> throw new IllegalArgumentException(usage());
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
      }
    }
    PlatformFiles found = PlatformFiles.read(platform);
    url = url != null ? url : found.commandUrl().orElse("http://127.0.0.1:8081");
    bootstrap = bootstrap != null ? bootstrap : found.bootstrap().orElse("127.0.0.1:9092");
    topicPrefix = topicPrefix != null ? topicPrefix : found.topicPrefix().orElse("");
    secret = secret != null ? secret : found.secret().orElse(null);
    if (tenants < 1 || rate < 0 || seconds < 1 || connections < 1 || warmup < 0 || poison < 0) {
      throw new IllegalArgumentException("tenants, duration and connections must be positive\n" + usage());
    }
    return new LoadOptions(url, tenants, tenantPrefix, rate, seconds, warmup, connections, platform, secret, create,
        poison, bootstrap, topicPrefix, json, async);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value\n" + usage());
    }
    return args.get(i);
  }

  static String usage() {
    return String.join("\n",
        "usage: LoadGenerator [options]",
        "  --url URL             command API (default: from DIR/platform.json, else http://127.0.0.1:8081)",
        "  --tenants N           tenants to spread orders over (default 2): <prefix>-1..N",
        "  --tenant-prefix P     tenant id prefix (default load)",
        "  --rate R              commands per second, open loop; 0 = closed loop, as fast as answered (default 500)",
        "  --duration S          seconds measured (default 30)",
        "  --warmup S            seconds sent first but not measured (default 5)",
        "  --connections C       HTTP connections, and requests in flight at most (default 64)",
        "  --platform DIR        the folder of a running make run (default .platform): URL, Kafka, secret",
        "  --secret S            the HS256 secret instead of DIR/platform.env or DIR/jwt-secret",
        "  --no-create           the tenants exist already; do not create them",
        "  --async               send Prefer: respond-async (measure the append only)",
        "  --poison N            write N malformed records straight to orders.events, then exit",
        "  --bootstrap H:P       Kafka for --poison (default: from DIR/platform.json, else 127.0.0.1:9092)",
        "  --topic-prefix P      topic prefix for --poison (default none)",
        "  --json                print the summary as one JSON line as well");
  }
}
