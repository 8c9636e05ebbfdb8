package io.tally.platform;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * "Ready" for a broker means a client gets an answer naming our node, not just an open port: the port opens
 * before the node has registered with its controller, and topic creation before that fails.
 */
final class BrokerReadiness {
  private final int port;
  private final Properties adminProperties;
  private final String clusterId;
  private Admin admin;

  BrokerReadiness(int port, Properties adminProperties, String clusterId) {
    this.port = port;
    this.adminProperties = adminProperties;
    this.clusterId = clusterId;
  }

  boolean brokerRegistered() {
    // No client before the port is open: it would only log connection failures while the JVM boots.
    if (!ServerProcess.listening(port)) {
      return false;
    }
    if (admin == null) {
      admin = Admin.create(adminProperties);
    }
    try {
      DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000));
      return clusterId.equals(cluster.clusterId().get())
          && cluster.nodes().get().stream().anyMatch(node -> node.id() == BrokerSettings.NODE_ID);
    } catch (ExecutionException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    }
  }

  /** The client that saw the broker answer, kept for the broker's topic administration. */
  Admin admin() {
    return admin;
  }

  void closeAdmin() {
    if (admin != null) {
      admin.close(Duration.ZERO);
    }
  }
}
