package io.tally.command.decider;

import io.tally.command.TopicNames;
import io.tally.command.wire.CommandRecords;
import io.tally.command.wire.Outcome;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.events.RecordKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Writes one batch plan as one Kafka transaction (EOS v2): the events, the consumed command offsets with the
 * group's metadata (so a fenced-out zombie cannot commit), and the outcomes, where those of accepted commands go
 * after a flush because they name the events' offsets. Either all of it becomes visible to read_committed
 * readers, or none of it.
 */
final class DeciderTransaction {
  private static final org.slf4j.Logger PHASES = org.slf4j.LoggerFactory.getLogger("tally.decider.phases");
  private final TopicNames topics;
  private final Clock clock;

  DeciderTransaction(TopicNames topics, Clock clock) {
    this.topics = topics;
    this.clock = clock;
  }

  /**
   * Sends and commits; returns the offset of each answered step's outcome. Exceptions before the commit leave an
   * abortable transaction; {@link CommitUncertain} means the commit itself failed and its result is unknown.
   */
  Map<Step, Long> run(Producer<byte[], byte[]> producer, BatchPlan plan, ConsumerGroupMetadata group) {
    long t0 = System.nanoTime();
    producer.beginTransaction();
    Map<Step, List<Future<RecordMetadata>>> eventSends = new IdentityHashMap<>();
    for (Step step : plan.steps) {
      if (!step.envelopes.isEmpty()) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(step.envelopes.size());
        for (int i = 0; i < step.envelopes.size(); i++) {
          sends.add(producer.send(eventRecord(step.partition, step.envelopes.get(i), step.eventValues.get(i))));
        }
        eventSends.put(step, sends);
      }
    }
    // What needs no event offset goes out now, so its round trips overlap the events' instead of following them.
    Map<Step, Future<RecordMetadata>> outcomeSends = new IdentityHashMap<>();
    var now = clock.instant();
    sendOutcomes(producer, plan, outcomeSends, eventSends, now, false);
    producer.sendOffsetsToTransaction(plan.offsets, group);
    long t1 = System.nanoTime();
    if (!eventSends.isEmpty()) {
      producer.flush();
    }
    sendOutcomes(producer, plan, outcomeSends, eventSends, now, true);
    long t2 = System.nanoTime();
    try {
      producer.commitTransaction();
    } catch (RuntimeException e) {
      throw new CommitUncertain(e);
    }
    if (PHASES.isDebugEnabled()) {
      PHASES.debug("batch {}: events, refusals and offsets {} ms, accepted outcomes {} ms, commit {} ms",
          plan.steps.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    }
    Map<Step, Long> offsets = new IdentityHashMap<>();
    outcomeSends.forEach((step, sent) -> offsets.put(step, metadata(sent).offset()));
    return offsets;
  }

  /** Sends the outcomes of the steps that do (or do not) need the offsets of events written in this batch. */
  private void sendOutcomes(Producer<byte[], byte[]> producer, BatchPlan plan,
                            Map<Step, Future<RecordMetadata>> outcomeSends,
                            Map<Step, List<Future<RecordMetadata>>> eventSends, java.time.Instant now,
                            boolean needingOffsets) {
    for (Step step : plan.steps) {
      if (step.needsEventOffsets() != needingOffsets) {
        continue;
      }
      Outcome outcome = step.complete(written(eventSends.getOrDefault(step, List.of())), now);
      if (outcome != null) {
        outcomeSends.put(step, producer.send(CommandRecords.outcome(topics.results(), step.partition, outcome)));
      }
    }
  }

  private ProducerRecord<byte[], byte[]> eventRecord(int partition, EventEnvelope e, byte[] value) {
    // The command's partition, explicitly: the decider owning commands p rebuilds from events p, whatever the
    // partitioner of the day would compute.
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topics.events(), partition,
        RecordKeys.bytes(e.tenant(), e.aggregateId()), value);
    EventHeaders.of(e).forEach((name, bytes) -> record.headers().add(name, bytes));
    return record;
  }

  private static List<RecordMetadata> written(List<Future<RecordMetadata>> sends) {
    List<RecordMetadata> written = new ArrayList<>(sends.size());
    for (Future<RecordMetadata> send : sends) {
      written.add(metadata(send));
    }
    return written;
  }

  private static RecordMetadata metadata(Future<RecordMetadata> send) {
    try {
      return send.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while writing a transaction", e);
    }
  }

  /** The commit failed in a way that leaves its result unknown: only a fresh producer and a rebuild are safe. */
  static final class CommitUncertain extends RuntimeException {
    CommitUncertain(Throwable cause) {
      super("commit failed: " + cause, cause);
    }
  }
}
