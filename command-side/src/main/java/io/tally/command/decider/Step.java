package io.tally.command.decider;

import io.tally.command.wire.AppendedEvent;
import io.tally.command.wire.Outcome;
import io.tally.events.EventEnvelope;
import io.tally.order.OrderCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One consumed command in a batch: what was decided, and after the events are written, the outcome to publish.
 * A step is accepted (events to append), rejected (a rule), a repeat (an earlier outcome, nothing appended) or
 * unanswerable (a record so broken that no caller could be waiting for it).
 */
final class Step {
  enum Kind { ACCEPTED, REJECTED, REPEAT, UNANSWERABLE }

  final Kind kind;
  final int partition;
  final String tenant;
  final String orderId;
  final String commandId;
  final String commandType;
  final String fingerprint;
  final long version;
  final List<EventEnvelope> envelopes;
  final List<byte[]> eventValues;
  final String rule;
  final String message;
  /** For a repeat: the first outcome, or the step deciding it in this same batch. */
  final Outcome earlier;
  final Step earlierStep;
  Outcome outcome;

  private Step(Kind kind, int partition, String tenant, String orderId, String commandId, String commandType,
               String fingerprint, long version, List<EventEnvelope> envelopes, List<byte[]> eventValues,
               String rule, String message, Outcome earlier, Step earlierStep) {
    this.kind = kind;
    this.partition = partition;
    this.tenant = tenant;
    this.orderId = orderId;
    this.commandId = commandId;
    this.commandType = commandType;
    this.fingerprint = fingerprint;
    this.version = version;
    this.envelopes = envelopes;
    this.eventValues = eventValues;
    this.rule = rule;
    this.message = message;
    this.earlier = earlier;
    this.earlierStep = earlierStep;
  }

  static Step accepted(int partition, OrderCommand c, String fingerprint, long version, List<EventEnvelope> envelopes,
                       List<byte[]> values) {
    return new Step(Kind.ACCEPTED, partition, c.tenant(), c.orderId(), c.commandId(), c.type(), fingerprint, version,
        envelopes, values, null, null, null, null);
  }

  static Step rejected(int partition, String tenant, String orderId, String commandId, String type, String fingerprint,
                       long version, String rule, String message) {
    return new Step(Kind.REJECTED, partition, tenant, orderId, commandId, type, fingerprint, version, List.of(),
        List.of(), rule, message, null, null);
  }

  static Step repeat(int partition, OrderCommand c, String fingerprint, Outcome earlier, Step earlierStep) {
    return new Step(Kind.REPEAT, partition, c.tenant(), c.orderId(), c.commandId(), c.type(), fingerprint, 0,
        List.of(), List.of(), null, null, earlier, earlierStep);
  }

  static Step unanswerable(int partition) {
    return new Step(Kind.UNANSWERABLE, partition, null, null, null, null, null, 0, List.of(), List.of(), null, null,
        null, null);
  }

  /** Builds the outcome once the events are written; {@code written} matches {@link #envelopes} one to one. */
  Outcome complete(List<RecordMetadata> written, Instant now) {
    outcome = switch (kind) {
      case ACCEPTED -> {
        List<AppendedEvent> events = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
          EventEnvelope e = envelopes.get(i);
          RecordMetadata m = written.get(i);
          events.add(new AppendedEvent(e.eventId(), e.type(), e.sequence(), m.partition(), m.offset()));
        }
        yield Outcome.accepted(commandId, tenant, orderId, commandType, version, events, now, fingerprint);
      }
      case REJECTED -> Outcome.rejected(commandId, tenant, orderId, commandType, rule, message, version, now,
          fingerprint);
      case REPEAT -> (earlierStep != null ? earlierStep.outcome : earlier).asRepeat(fingerprint);
      case UNANSWERABLE -> null;
    };
    return outcome;
  }

  /** Whether the outcome names offsets of events written in this same batch (so it waits for their acks). */
  boolean needsEventOffsets() {
    return kind == Kind.ACCEPTED || (kind == Kind.REPEAT && earlierStep != null);
  }

  /** Whether this step's outcome is the first answer to its command, and so belongs in the index. */
  boolean isFirstAnswer() {
    return (kind == Kind.ACCEPTED || kind == Kind.REJECTED) && fingerprint != null;
  }
}
