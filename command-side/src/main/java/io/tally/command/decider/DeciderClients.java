package io.tally.command.decider;

import io.tally.command.CommandSettings;
import io.tally.command.wire.CommittedReads;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Client settings of the decider, each choice explained where it is made. */
final class DeciderClients {
  private final String bootstrap;
  private final CommandSettings settings;
  private final String member;

  /** @param member this loop's stable name: instance id and loop number */
  DeciderClients(String bootstrap, CommandSettings settings, String member) {
    this.bootstrap = bootstrap;
    this.settings = settings;
    this.member = member;
  }

  String group() {
    return settings.topics().scoped("tally-decider");
  }

  String memberId() {
    return settings.topics().scoped("decider-" + member);
  }

  /** The group member that owns command partitions. */
  Properties commandConsumer() {
    Properties p = CommittedReads.consumer(bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group());
    // Static membership: a restarted instance takes its partitions back at once, without a group-wide rebalance.
    p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, memberId());
    // How long a crashed instance's partitions wait before another instance gets them.
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(settings.sessionTimeoutMillis()));
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(settings.sessionTimeoutMillis() / 4));
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // The rebuild of newly assigned partitions runs inside poll(); a big log must not get the loop evicted.
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Integer.toString(15 * 60 * 1000));
    // Many commands per transaction is what makes the decider fast; the transaction carries the offsets.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.deciderMaxBatch()));
    // A long poll: the broker answers as soon as a command arrives, and a quiet loop costs it a fetch per 100 ms
    // instead of one per 5 ms (the broker's work is per request; an idle platform spent a quarter of a core on
    // short polls). Under load, commands gather while a transaction is in flight, which is the batching.
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    // Cooperative: a joining instance takes some partitions without the others dropping and rebuilding all.
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    return p;
  }

  /** Reads events and outcomes from the start of a partition; no group, nothing committed. */
  Properties rebuildConsumer() {
    Properties p = CommittedReads.consumer(bootstrap);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
    // A replay is bulk transfer: a 64 KiB socket buffer lets a busy broker push little per turn.
    p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(4 * 1024 * 1024));
    return p;
  }

  /** Reads one outcome by offset; "none" so an offset lost to retention fails loudly instead of resetting. */
  Properties lookupConsumer() {
    Properties p = CommittedReads.consumer(bootstrap);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
    return p;
  }

  Properties transactionalProducer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, memberId() + "-tx");
    // Stable per instance: initTransactions of a restarted instance aborts what its crashed self left open.
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.topics().scoped("tally-decider-" + member));
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString(settings.transactionTimeoutMillis()));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // The loop flushes explicitly; waiting to fill batches would only add latency.
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    // The first send after a commit usually meets CONCURRENT_TRANSACTIONS (the coordinator is still writing the
    // previous markers); the client retries after min(retry.backoff.ms, 20 ms). 20 ms per batch is a lot here.
    p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "5");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  Properties admin() {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    return p;
  }

}
