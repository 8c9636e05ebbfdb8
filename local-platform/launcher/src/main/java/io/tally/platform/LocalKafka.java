package io.tally.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka 4.1 broker in KRaft mode (broker and controller in one node) running as its own JVM, so kill -9
 * is a real crash. Its data folder survives restarts: the log dir is formatted once and every acked record is
 * there after the next start on the same folder.
 */
public final class LocalKafka implements AutoCloseable {
  private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
  private static final String RUNTIME_MODULE = "local-platform/kafka-broker";
  private static final String MAIN_CLASS = "kafka.Kafka";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path dataDir;
  private final int port;
  private final ServerProcess process;
  private final Admin admin;
  private final Duration startedIn;

  private LocalKafka(Path dataDir, int port, ServerProcess process, Admin admin, Duration startedIn) {
    this.dataDir = dataDir;
    this.port = port;
    this.process = process;
    this.admin = admin;
    this.startedIn = startedIn;
  }

  public static LocalKafka start(Path dataDir, int port) {
    long t0 = System.nanoTime();
    Path dir = dataDir.toAbsolutePath();
    // A broker left by a JVM that died holds the log dir lock; it is ours (it runs on our folder), so stop it.
    stopLeftover(dir);
    if (!FreePorts.isFree(port)) {
      throw new IllegalStateException("Kafka port " + port + " is taken by another process; choose a free one");
    }
    String classpath = ServerClasspath.read(CLASSPATH_RESOURCE, RUNTIME_MODULE);
    Path props = BrokerSettings.writeServerProperties(dir, port, otherFreePort(port));
    Path logConfig = BrokerSettings.writeLogConfig(dir);
    Path meta = BrokerSettings.logDir(dir).resolve("meta.properties");
    if (!Files.exists(meta)) {
      format(classpath, props, logConfig, dir);
    }
    ServerProcess process = ServerProcess.start("kafka", ServerProcess.javaCommand(classpath,
        BrokerSettings.jvmArgs(dir, logConfig, "768m"), MAIN_CLASS, List.of(props.toString())), dir,
        BrokerSettings.log(dir));
    // Ready only when the answer carries this folder's cluster id: another broker could have won the port.
    BrokerReadiness readiness = new BrokerReadiness(port, adminProperties(port), BrokerSettings.clusterId(meta));
    try {
      Files.writeString(pidFile(dir), Long.toString(process.pid()));
      process.awaitReady(READY_TIMEOUT, readiness::brokerRegistered);
    } catch (Exception e) {
      readiness.closeAdmin();
      process.kill();
      throw new IllegalStateException("Kafka did not start on " + dir + ": " + e.getMessage(), e);
    }
    return new LocalKafka(dir, port, process, readiness.admin(), Duration.ofNanos(System.nanoTime() - t0));
  }

  /** Stops a broker left running on dataDir by a JVM that died without closing it; true if there was one. */
  public static boolean stopLeftover(Path dataDir) {
    return LeftoverServer.stopIfRunning(pidFile(dataDir), BrokerSettings.ownerMark(dataDir),
        Duration.ofSeconds(30)).isPresent();
  }

  private static Path pidFile(Path dataDir) {
    return dataDir.resolve("broker.pid");
  }

  /** Writes meta.properties and the bootstrap metadata with a fresh cluster id; only ever on an empty folder. */
  private static void format(String classpath, Path props, Path logConfig, Path dir) {
    String clusterId = Uuid.randomUuid().toString();
    ServerProcess.runToCompletion("kafka-storage-format", ServerProcess.javaCommand(classpath,
        BrokerSettings.toolJvmArgs(logConfig), "kafka.tools.StorageTool",
        List.of("format", "--cluster-id", clusterId, "--config", props.toString())),
        dir, dir.resolve("format.log"), Duration.ofSeconds(60));
  }

  private static int otherFreePort(int taken) {
    int p = FreePorts.next();
    return p != taken ? p : FreePorts.next();
  }

  public String bootstrapServers() { return "127.0.0.1:" + port; }
  public int port() { return port; }
  public Path dataDir() { return dataDir; }
  public long pid() { return process.pid(); }
  public boolean isAlive() { return process.isAlive(); }
  /** Wall time of the last start, including the one-time format of a new folder. */
  public Duration startedIn() { return startedIn; }

  public Properties adminProperties() { return adminProperties(port); }

  private static Properties adminProperties(int port) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return p;
  }

  /** Creates the topics that do not exist yet; an existing one must already have the partitions asked for. */
  public void createTopics(Map<String, Integer> partitionsByName) {
    TopicCreation.ensure(admin, partitionsByName);
  }

  /** kill -9, for tests that prove acked records survive a crash. Start again on dataDir() to recover. */
  public void kill() {
    admin.close(Duration.ZERO);
    process.kill();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    process.close();
  }

  @Override
  public String toString() { return "LocalKafka[" + bootstrapServers() + ", pid " + pid() + ", " + dataDir + "]"; }
}
