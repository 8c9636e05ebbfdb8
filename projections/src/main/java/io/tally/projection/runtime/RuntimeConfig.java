package io.tally.projection.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a projection reads and how it batches and retries.
 *
 * @param groupId     the consumer group: partitions are shared between instances of one projection; the group's
 *                    committed offsets are informational only (the sink's offsets are the truth)
 * @param retryInitial first delay after a store failure; doubles up to retryMax
 * @param instanceId   static group membership (group.instance.id) when present: a process restarted after a crash
 *                     takes its partitions back at once instead of waiting for the dead member's session to expire
 */
public record RuntimeConfig(String bootstrap, String topic, String dlqTopic, String groupId, BatchPolicy policy,
                            Duration retryInitial, Duration retryMax, Optional<String> instanceId) {

  public RuntimeConfig(String bootstrap, String topic, String dlqTopic, String groupId, BatchPolicy policy,
                       Duration retryInitial, Duration retryMax) {
    this(bootstrap, topic, dlqTopic, groupId, policy, retryInitial, retryMax, Optional.empty());
  }
}
