package io.tally.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the command side's topics exist before anything sends to them (with auto-creation off, a send to a
 * missing topic blocks for a minute), and refuses to start when they are not partitioned alike: the decider of
 * commands partition p rebuilds from events and results partition p, so unequal counts would misroute state.
 */
final class TopicSetup {
  private TopicSetup() {}

  /** Describes the topics, waiting out the moment after creation when the broker does not know them yet. */
  private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        return admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Creates what is missing with {@code partitions} partitions and the broker's replication; returns the count. */
  static int ensure(String bootstrap, TopicNames topics, int partitions) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    List<String> names = List.of(topics.commands(), topics.events(), topics.results());
    try (Admin admin = Admin.create(p)) {
      List<NewTopic> wanted = new ArrayList<>();
      names.forEach(n -> wanted.add(new NewTopic(n, Optional.of(partitions), Optional.empty())));
      var created = admin.createTopics(wanted).values();
      for (String name : names) {
        try {
          created.get(name).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("could not create topic " + name + ": " + e.getCause(), e);
          }
        }
      }
      Map<String, TopicDescription> found = describe(admin, names);
      int commands = found.get(topics.commands()).partitions().size();
      for (String name : names) {
        int count = found.get(name).partitions().size();
        if (count != commands) {
          throw new IllegalStateException("topic " + name + " has " + count + " partitions but "
              + topics.commands() + " has " + commands + "; commands, events and results must be partitioned alike");
        }
      }
      return commands;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not check the topics " + names + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
