package io.tally.command.decider;

import io.tally.command.wire.CommandRecords;
import io.tally.command.wire.Hashes;
import io.tally.command.wire.Outcome;
import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventIds;
import io.tally.events.EventTooLargeException;
import io.tally.events.Limits;
import io.tally.events.RecordKeys;
import io.tally.order.Decision;
import io.tally.order.EventEnvelopes;
import io.tally.order.OrderCommand;
import io.tally.order.OrderEvent;
import io.tally.order.OrderLifecycle;
import io.tally.order.OrderState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every command of a polled batch in log order, against the owned memory plus what this batch already
 * decided (so two commands on one order in one batch see each other). Writes nothing: it returns a plan.
 */
final class BatchDecider {
  private static final Logger LOG = LoggerFactory.getLogger(BatchDecider.class);
  static final String UNREADABLE = "command.unreadable";
  static final String TOO_LARGE = "event.too-large";
  static final String FAILED = "command.failed";

  private final DeciderMemory memory;
  private final FirstOutcomeLookup lookup;
  private final EventIds ids;
  private final Clock clock;

  BatchDecider(DeciderMemory memory, FirstOutcomeLookup lookup, EventIds ids, Clock clock) {
    this.memory = memory;
    this.lookup = lookup;
    this.ids = ids;
    this.clock = clock;
  }

  BatchPlan plan(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    BatchPlan plan = new BatchPlan();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      plan.steps.add(decide(plan, record));
      plan.offsets.put(new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1));
    }
    return plan;
  }

  private Step decide(BatchPlan plan, ConsumerRecord<byte[], byte[]> record) {
    int p = record.partition();
    PartitionMemory owned = memory.get(p);
    CommandRecords.Read read = CommandRecords.read(record);
    if (read instanceof CommandRecords.Read.Unreadable u) {
      LOG.warn("unreadable command at {}-{}@{}: {}", record.topic(), p, record.offset(), u.reason());
      if (u.tenant() == null || Limits.id("commandId", u.commandId()).isPresent()) {
        return Step.unanswerable(p);
      }
      return Step.rejected(p, u.tenant(), u.orderId(), u.commandId(), null, null, 0, UNREADABLE, u.reason());
    }
    OrderCommand command = ((CommandRecords.Read.Command) read).command();
    // The value is the command's canonical JSON (CommandJson), so its hash is the command's fingerprint.
    String fingerprint = Hashes.hex(record.value());
    String commandKey = Outcome.key(command.tenant(), command.commandId());
    Step sameBatch = plan.firstInBatch.get(commandKey);
    if (sameBatch != null) {
      return Step.repeat(p, command, fingerprint, null, sameBatch);
    }
    long offset = owned.commands.get(Hashes.command(command.tenant(), command.commandId()));
    if (offset >= 0) {
      Outcome earlier = lookup.find(p, offset);
      if (earlier != null && earlier.commandId().equals(command.commandId())
          && earlier.tenant().equals(command.tenant())) {
        return Step.repeat(p, command, fingerprint, earlier, null);
      }
    }
    Step step = decideNew(plan, p, owned, command, fingerprint);
    plan.firstInBatch.put(commandKey, step);
    return step;
  }

  private Step decideNew(BatchPlan plan, int p, PartitionMemory owned, OrderCommand c, String fingerprint) {
    String orderKey = RecordKeys.of(c.tenant(), c.orderId());
    BatchPlan.Staged staged = plan.states.get(orderKey);
    OrderState state = staged != null ? staged.state() : owned.state(orderKey);
    try {
      Decision decision = OrderLifecycle.decide(state, c);
      if (decision instanceof Decision.Rejected r) {
        return Step.rejected(p, c.tenant(), c.orderId(), c.commandId(), c.type(), fingerprint, state.version(),
            r.code(), r.message());
      }
      List<OrderEvent> events = ((Decision.Accepted) decision).events();
      List<EventEnvelope> envelopes = EventEnvelopes.of(c, events, state.version() + 1, ids, clock);
      List<byte[]> values = new ArrayList<>(envelopes.size());
      for (EventEnvelope envelope : envelopes) {
        values.add(EnvelopeCodec.toBytes(envelope));
      }
      OrderState next = state;
      for (OrderEvent event : events) {
        next = OrderLifecycle.evolve(next, event);
      }
      plan.states.put(orderKey, new BatchPlan.Staged(p, next));
      return Step.accepted(p, c, fingerprint, next.version(), envelopes, values);
    } catch (EventTooLargeException e) {
      return Step.rejected(p, c.tenant(), c.orderId(), c.commandId(), c.type(), fingerprint, state.version(),
          TOO_LARGE, e.getMessage());
    } catch (RuntimeException e) {
      // A bug for this one command must not stop the partition behind it: refuse it, keep going, shout.
      LOG.error("deciding {} {} failed", c.type(), c.commandId(), e);
      return Step.rejected(p, c.tenant(), c.orderId(), c.commandId(), c.type(), fingerprint, state.version(),
          FAILED, "the decider could not decide this command (" + e.getClass().getSimpleName() + ")");
    }
  }
}
