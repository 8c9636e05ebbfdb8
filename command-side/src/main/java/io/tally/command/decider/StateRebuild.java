package io.tally.command.decider;

import io.tally.command.TopicNames;
import io.tally.command.wire.Hashes;
import io.tally.command.wire.WireHeaders;
import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.order.EventEnvelopes;
import io.tally.order.OrderEvent;
import io.tally.order.OrderLifecycle;
import io.tally.order.OrderState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the memory of newly owned partitions: order states by folding {@code orders.events} partition p with
 * evolve, the command index from {@code orders.command-results} partition p. Reads read_committed up to the high
 * watermark taken at the start, so it waits until every transaction open at that moment is resolved: the end
 * offset alone (the last stable offset) could stop in front of an earlier owner's hung transaction and miss
 * events committed after it by a later owner.
 */
final class StateRebuild {
  private static final Logger LOG = LoggerFactory.getLogger(StateRebuild.class);

  private final Properties consumerProps;
  private final Admin admin;
  private final TopicNames topics;

  StateRebuild(Properties consumerProps, Admin admin, TopicNames topics) {
    this.consumerProps = consumerProps;
    this.admin = admin;
    this.topics = topics;
  }

  /** What a rebuild found, for metrics and the benchmark. */
  record Result(Map<Integer, PartitionMemory> memories, long events, long outcomes, long skipped,
                       long nanos) {}

  Result rebuild(Collection<Integer> partitions) {
    long t0 = System.nanoTime();
    Map<Integer, PartitionMemory> memories = new HashMap<>();
    List<TopicPartition> tps = new ArrayList<>();
    for (int p : partitions) {
      memories.put(p, new PartitionMemory(p));
      tps.add(new TopicPartition(topics.events(), p));
      tps.add(new TopicPartition(topics.results(), p));
    }
    Map<TopicPartition, Long> ends = highWatermarks(tps);
    long[] counts = new long[3];
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      List<TopicPartition> open = new ArrayList<>(tps);
      long lastReport = System.nanoTime();
      while (!open.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          PartitionMemory memory = memories.get(r.partition());
          if (r.topic().equals(topics.events())) {
            counts[0]++;
            counts[2] += applyEvent(memory, r.value()) ? 0 : 1;
          } else {
            counts[1] += indexOutcome(memory, r) ? 1 : 0;
          }
        }
        open.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
        if (!open.isEmpty() && System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
          lastReport = System.nanoTime();
          LOG.info("rebuild still reading {} (an open transaction holds them until it resolves)", open);
        }
      }
    }
    return new Result(memories, counts[0], counts[1], counts[2], System.nanoTime() - t0);
  }

  /** Folds one event; false when it is not a readable next event of its order (poison, or a duplicate). */
  static boolean applyEvent(PartitionMemory memory, byte[] value) {
    EventEnvelope envelope;
    OrderEvent event;
    try {
      envelope = EnvelopeCodec.fromBytes(value);
      event = EventEnvelopes.toEvent(envelope);
    } catch (RuntimeException poison) {
      return false; // the projections dead-letter it; the decider's state never saw it as a fact
    }
    String key = envelope.tenant() + "/" + envelope.aggregateId();
    OrderState state = memory.state(key);
    if (envelope.sequence() != state.version() + 1) {
      return false;
    }
    memory.put(key, OrderLifecycle.evolve(state, event));
    return true;
  }

  /** Indexes a first outcome by its headers alone; repeats are answers, not decisions, and are skipped. */
  static boolean indexOutcome(PartitionMemory memory, ConsumerRecord<byte[], byte[]> r) {
    String commandId = WireHeaders.text(r.headers(), WireHeaders.COMMAND_ID);
    if (commandId == null || r.key() == null || r.headers().lastHeader(WireHeaders.REPEAT) != null) {
      return false;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    int slash = key.indexOf('/');
    if (slash < 1) {
      return false;
    }
    memory.commands.putIfAbsent(Hashes.command(key.substring(0, slash), commandId), r.offset());
    return true;
  }

  private Map<TopicPartition, Long> highWatermarks(List<TopicPartition> tps) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    try {
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
          .get(60, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
      return ends;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read the end offsets of " + tps, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
