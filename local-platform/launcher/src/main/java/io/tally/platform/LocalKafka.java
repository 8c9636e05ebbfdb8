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

  private LocalKafka(Path dataDir, int port, ServerProcess process, Admin admin) {
    this.dataDir = dataDir;
    this.port = port;
    this.process = process;
    this.admin = admin;
  }

  public static LocalKafka start(Path dataDir, int port) {
    Path dir = dataDir.toAbsolutePath();
    Path pidFile = dir.resolve("broker.pid");
    // A broker left by a JVM that died holds the log dir lock; it is ours (it runs on our folder), so stop it.
    LeftoverServer.stopIfRunning(pidFile, MAIN_CLASS, Duration.ofSeconds(30));
    if (!FreePorts.isFree(port)) {
      throw new IllegalStateException("Kafka port " + port + " is taken by another process; choose a free one");
    }
    String classpath = ServerClasspath.read(CLASSPATH_RESOURCE, RUNTIME_MODULE);
    Path props = BrokerSettings.writeServerProperties(dir, port, otherFreePort(port));
    Path logConfig = BrokerSettings.writeLogConfig(dir);
    if (!Files.exists(BrokerSettings.logDir(dir).resolve("meta.properties"))) {
      format(classpath, props, logConfig, dir);
    }
    ServerProcess process = ServerProcess.start("kafka", ServerProcess.javaCommand(classpath,
        BrokerSettings.jvmArgs(logConfig, "768m"), MAIN_CLASS, List.of(props.toString())), dir,
        dir.resolve("broker-console.log"));
    BrokerReadiness readiness = new BrokerReadiness(port, adminProperties(port));
    try {
      Files.writeString(pidFile, Long.toString(process.pid()));
      process.awaitReady(READY_TIMEOUT, readiness::brokerRegistered);
    } catch (Exception e) {
      readiness.closeAdmin();
      process.kill();
      throw new IllegalStateException("Kafka did not start on " + dir + ": " + e.getMessage(), e);
    }
    return new LocalKafka(dir, port, process, readiness.admin());
  }

  /** Writes meta.properties and the bootstrap metadata with a fresh cluster id; only ever on an empty folder. */
  private static void format(String classpath, Path props, Path logConfig, Path dir) {
    String clusterId = Uuid.randomUuid().toString();
    ServerProcess.runToCompletion("kafka-storage-format", ServerProcess.javaCommand(classpath,
        BrokerSettings.jvmArgs(logConfig, "256m"), "kafka.tools.StorageTool",
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
