package io.tally.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Idempotent topic creation for a one-node broker. A topic that already exists is fine only with the same
 * partition count: commands and events must be partitioned alike, and a silent mismatch would misroute state.
 */
final class TopicCreation {
  private static final short ONE_REPLICA = 1;

  private TopicCreation() {}

  static void ensure(Admin admin, Map<String, Integer> partitionsByName) {
    List<NewTopic> topics = partitionsByName.entrySet().stream()
        .map(e -> new NewTopic(e.getKey(), e.getValue(), ONE_REPLICA))
        .toList();
    CreateTopicsResult result = admin.createTopics(topics);
    List<String> existing = new ArrayList<>();
    for (NewTopic topic : topics) {
      try {
        result.values().get(topic.name()).get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("could not create topic " + topic.name() + ": " + e.getCause(), e);
        }
        existing.add(topic.name());
      } catch (TimeoutException | InterruptedException e) {
        throw failure("creating topic " + topic.name(), e);
      }
    }
    if (!existing.isEmpty()) {
      checkPartitions(admin, existing, partitionsByName);
    }
  }

  private static void checkPartitions(Admin admin, List<String> names, Map<String, Integer> wanted) {
    Map<String, TopicDescription> found;
    try {
      found = admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      throw failure("describing topics " + names, e);
    }
    for (String name : names) {
      int actual = found.get(name).partitions().size();
      if (actual != wanted.get(name)) {
        throw new IllegalStateException("topic " + name + " exists with " + actual + " partitions, not "
            + wanted.get(name) + "; use the existing count or start from an empty data folder");
      }
    }
  }

  private static IllegalStateException failure(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new IllegalStateException(what + " failed: " + e, e);
  }
}
