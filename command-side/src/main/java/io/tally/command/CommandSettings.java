package io.tally.command;

import io.tally.service.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Every knob of the command side, read once at start from tally.* settings (see README for the table).
 *
 * @param waitMillis        how long a POST waits for the decider before answering 202
 * @param deciderInstanceId stable per instance: it names the transactional id and the static group member, so a
 *                          restarted instance aborts its own unfinished transaction at once instead of waiting out
 *                          the transaction timeout
 * @param deciderThreads    decider loops in this process, each with its own consumer and transactional producer,
 *                          so one loop's transaction overlaps another's; one by default, because on a small
 *                          machine fewer, fuller transactions beat overlapping ones (docs/benchmarks.md)
 */
public record CommandSettings(
    int port,
    int httpInstances,
    TopicNames topics,
    int partitions,
    long waitMillis,
    long maxWaitMillis,
    int maxBodyBytes,
    int maxBatchBodyBytes,
    boolean deciderEnabled,
    String deciderInstanceId,
    int deciderThreads,
    int deciderMaxBatch,
    int transactionTimeoutMillis,
    int sessionTimeoutMillis,
    List<String> seedTenants,
    int defaultRate,
    int defaultBurst,
    int defaultRetentionDays,
    long tenantRefreshMillis,
    int recentOutcomes,
    int outcomeRetentionDays) {

  public static final String PORT = "tally.command.port";

  public static CommandSettings from(Settings s) {
    int defaultRate = s.getInt("tally.tenants.default-rate", 500);
    return new CommandSettings(
        s.getInt(PORT, 8081),
        s.getInt("tally.command.http-instances", Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))),
        new TopicNames(s.get("tally.topic.prefix", "")),
        s.getInt("tally.topics.partitions", 6),
        s.getInt("tally.command.wait-ms", 5000),
        s.getInt("tally.command.max-wait-ms", 30000),
        s.getInt("tally.command.max-body-bytes", 64 * 1024),
        s.getInt("tally.command.max-batch-body-bytes", 4 * 1024 * 1024),
        Boolean.parseBoolean(s.get("tally.decider.enabled", "true")),
        s.get("tally.decider.instance-id", defaultInstanceId()),
        s.getInt("tally.decider.threads", 1),
        s.getInt("tally.decider.max-batch", 1000),
        s.getInt("tally.decider.transaction-timeout-ms", 10000),
        s.getInt("tally.decider.session-timeout-ms", 10000),
        list(s.get("tally.tenants.seed", "")),
        defaultRate,
        s.getInt("tally.tenants.default-burst", defaultRate * 2),
        s.getInt("tally.tenants.default-retention-days", 365),
        s.getInt("tally.tenants.refresh-ms", 5000),
        s.getInt("tally.outcomes.recent", 50_000),
        s.getInt("tally.outcomes.retention-days", 30));
  }

  /** The host name: stable for a StatefulSet pod and for one machine; two deciders on one host must set it. */
  static String defaultInstanceId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "local";
      }
    }
    return host.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }
}
