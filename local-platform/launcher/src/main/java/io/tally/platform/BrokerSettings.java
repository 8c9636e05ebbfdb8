package io.tally.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The files a single-node KRaft broker runs from, rewritten on every start because the ports may change between
 * starts. The quorum is static (controller.quorum.voters): a dynamic quorum (format --standalone) records the
 * controller's endpoint in the metadata log, so a restart on another controller port would find no quorum.
 */
final class BrokerSettings {
  static final int NODE_ID = 1;

  private BrokerSettings() {}

  static Path logDir(Path dataDir) {
    return dataDir.resolve("log");
  }

  /** The cluster id the format step wrote, to recognise our own broker when it answers. */
  static String clusterId(Path metaProperties) {
    Properties meta = new Properties();
    try (Reader in = Files.newBufferedReader(metaProperties)) {
      meta.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + metaProperties, e);
    }
    String id = meta.getProperty("cluster.id");
    if (id == null) {
      throw new IllegalStateException(metaProperties + " names no cluster.id; the folder is not a formatted log dir");
    }
    return id;
  }

  static Path writeServerProperties(Path dataDir, int port, int controllerPort) {
    String text = String.join("\n",
        "process.roles=broker,controller",
        "node.id=" + NODE_ID,
        "controller.quorum.voters=" + NODE_ID + "@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + logDir(dataDir),
        // Topics exist because someone meant them: a typo must fail, not create an empty topic.
        "auto.create.topics.enable=false",
        // One node: internal topics cannot have more replicas than brokers.
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        // 50 partitions each (the default) make the first group join and first transaction wait seconds here.
        "offsets.topic.num.partitions=10",
        "transaction.state.log.num.partitions=10",
        // Tests and restarts should not sit out a 3 s grace period before the first assignment.
        "group.initial.rebalance.delay.ms=0",
        // The default 128 MiB dedupe buffer would take most of the small heap.
        "log.cleaner.dedupe.buffer.size=2097152",
        // After kill -9 the restarted node waits out its old session; keep that short.
        "broker.session.timeout.ms=2000",
        "broker.heartbeat.interval.ms=500",
        // KIP-890 verification sends the transaction coordinator one more request for each partition a transaction
        // writes; on this single node it guards against nothing a client retry could cause, and it was a third of
        // the broker's requests under the decider's load.
        "transaction.partition.verification.enable=false",
        "");
    return write(dataDir.resolve("server.properties"), text);
  }

  /** Where the broker's output goes: the data folder, so its reasons stay next to its data. */
  static Path log(Path dataDir) {
    return dataDir.resolve("broker.log");
  }

  /**
   * WARN and above to the console, which ServerProcess appends to log(dataDir): one file, and a broker that
   * dies during start-up shows its reason in the error message (a separate log file would not be in it).
   */
  static Path writeLogConfig(Path dataDir) {
    String text = String.join("\n",
        "rootLogger.level=WARN",
        "rootLogger.appenderRef.out.ref=out",
        "appender.out.type=Console",
        "appender.out.name=out",
        "appender.out.layout.type=PatternLayout",
        "appender.out.layout.pattern=%d{ISO8601} %p [%c{1}] %m%n",
        "");
    return write(dataDir.resolve("log4j2.properties"), text);
  }

  /**
   * First on the command line, naming the folder: how a leftover broker is recognised. The JDK shows only the
   * first 4096 characters of a command line (ProcessHandle.Info), and the classpath pushes the main class out.
   */
  static String ownerMark(Path dataDir) {
    return "-Dtally.kafka.data=" + dataDir.toAbsolutePath();
  }

  static List<String> jvmArgs(Path dataDir, Path logConfig, String maxHeap) {
    return List.of(ownerMark(dataDir), "-Xms128m", "-Xmx" + maxHeap, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
        // A broker out of memory should die like a crashed one, not limp on.
        "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + logConfig);
  }

  /** For the one-shot storage tool: C1 only starts it faster (0.65-1.1 s instead of 0.8-3.3 s measured here). */
  static List<String> toolJvmArgs(Path logConfig) {
    return List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + logConfig);
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
