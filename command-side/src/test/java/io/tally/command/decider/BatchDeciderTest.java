package io.tally.command.decider;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.command.wire.CommandRecords;
import io.tally.command.wire.Hashes;
import io.tally.command.wire.Outcome;
import io.tally.events.EventIds;
import io.tally.events.EventJson;
import io.tally.order.CommandParser;
import io.tally.order.OrderCommand;
import io.tally.order.ParseResult;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchDeciderTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
  private final DeciderMemory memory = new DeciderMemory();
  private final Map<Long, Outcome> resultsTopic = new HashMap<>();
  private final BatchDecider decider = new BatchDecider(memory, (p, offset) -> resultsTopic.get(offset),
      new EventIds(CLOCK, new Random(1)), CLOCK);
  private long offset;

  BatchDeciderTest() {
    memory.putAll(Map.of(0, new PartitionMemory(0)));
  }

  @Test
  void commandsOnOneOrderInOneBatchSeeEachOther() {
    BatchPlan plan = decider.plan(List.of(record(place("c1", "o1")), record(pay("c2", "o1", "10")),
        record(place("c3", "o1"))));
    assertThat(plan.steps).extracting(s -> s.kind)
        .containsExactly(Step.Kind.ACCEPTED, Step.Kind.ACCEPTED, Step.Kind.REJECTED);
    assertThat(plan.steps.get(1).envelopes.get(0).sequence()).isEqualTo(2);
    assertThat(plan.steps.get(2).rule).isEqualTo("order.already-exists");
    assertThat(plan.states.get("acme/o1").state().version()).isEqualTo(2);
    assertThat(plan.offsets.values()).singleElement().satisfies(o -> assertThat(o.offset()).isEqualTo(3));
  }

  @Test
  void memoryIsUntouchedUntilThePlanIsApplied() {
    BatchPlan plan = decider.plan(List.of(record(place("c1", "o1"))));
    assertThat(memory.get(0).orders).isEmpty();
    memory.apply(plan, Map.of(plan.steps.get(0), 7L));
    assertThat(memory.get(0).state("acme/o1").version()).isEqualTo(1);
    assertThat(memory.get(0).commands.get(Hashes.command("acme", "c1"))).isEqualTo(7);
  }

  @Test
  void aRepeatInTheSameBatchAnswersWithTheFirstStep() {
    BatchPlan plan = decider.plan(List.of(record(place("c1", "o1")), record(place("c1", "o1"))));
    Step repeat = plan.steps.get(1);
    assertThat(repeat.kind).isEqualTo(Step.Kind.REPEAT);
    assertThat(repeat.earlierStep).isSameAs(plan.steps.get(0));
    assertThat(plan.eventCount()).isEqualTo(1);
  }

  @Test
  void aRepeatOfAnEarlierBatchIsAnsweredFromTheResultsTopicAndDecidesNothing() {
    BatchPlan first = decider.plan(List.of(record(place("c1", "o1"))));
    Outcome outcome = first.steps.get(0).complete(written(1), CLOCK.instant());
    resultsTopic.put(41L, outcome);
    memory.apply(first, Map.of(first.steps.get(0), 41L));

    BatchPlan again = decider.plan(List.of(record(place("c1", "o1"))));
    Step step = again.steps.get(0);
    assertThat(step.kind).isEqualTo(Step.Kind.REPEAT);
    assertThat(step.complete(List.of(), CLOCK.instant()).repeat()).isTrue();
    assertThat(step.outcome.reusedId()).isFalse();
    assertThat(again.eventCount()).isZero();
  }

  @Test
  void theSameIdWithAnotherCommandIsARepeatMarkedAsReused() {
    BatchPlan plan = decider.plan(List.of(record(place("c1", "o1")), record(pay("c1", "o1", "10"))));
    plan.steps.get(0).complete(written(1), CLOCK.instant());
    assertThat(plan.steps.get(1).complete(List.of(), CLOCK.instant()).reusedId()).isTrue();
  }

  @Test
  void anIndexHitForAnotherCommandIdIsNotARepeat() {
    BatchPlan first = decider.plan(List.of(record(place("c1", "o1"))));
    memory.apply(first, Map.of(first.steps.get(0), 5L));
    Outcome someoneElse = Outcome.rejected("other", "acme", "o9", "ShipOrder", "order.not-found", "x", 0,
        CLOCK.instant(), "f");
    resultsTopic.put(5L, someoneElse);
    BatchPlan plan = decider.plan(List.of(record(place("c1", "o2"))));
    assertThat(plan.steps.get(0).kind).isEqualTo(Step.Kind.ACCEPTED);
  }

  @Test
  void anUnreadableRecordIsRefusedWhenItsIdsAreKnownAndSkippedOtherwise() {
    ProducerRecord<byte[], byte[]> good = CommandRecords.of("t", command(place("c1", "o1")));
    var broken = new ConsumerRecord<>("t", 0, offset++, good.key(), "{not json".getBytes());
    broken.headers().add(good.headers().lastHeader("tally.command-id"));
    var nameless = new ConsumerRecord<>("t", 0, offset++, (byte[]) null, "{}".getBytes());
    BatchPlan plan = decider.plan(List.of(broken, nameless));
    assertThat(plan.steps.get(0).kind).isEqualTo(Step.Kind.REJECTED);
    assertThat(plan.steps.get(0).rule).isEqualTo(BatchDecider.UNREADABLE);
    assertThat(plan.steps.get(1).kind).isEqualTo(Step.Kind.UNANSWERABLE);
    assertThat(plan.offsets.values()).singleElement().satisfies(o -> assertThat(o.offset()).isEqualTo(2));
  }

  @Test
  void aStaleExpectedVersionIsRefusedWithTheCurrentVersion() {
    BatchPlan plan = decider.plan(List.of(record(place("c1", "o1")),
        record(pay("c2", "o1", "10").put("expectedVersion", 0))));
    Step refused = plan.steps.get(1);
    assertThat(refused.rule).isEqualTo("expected-version.mismatch");
    assertThat(refused.version).isEqualTo(1);
  }

  private static List<RecordMetadata> written(int n) {
    List<RecordMetadata> written = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      written.add(new RecordMetadata(new TopicPartition("orders.events", 0), 100 + i, 0, 0L, 10, 100));
    }
    return written;
  }

  private static JsonObject place(String commandId, String orderId) {
    return new JsonObject().put("type", "PlaceOrder").put("commandId", commandId).put("orderId", orderId)
        .put("customerId", "c").put("amount", "10").put("currency", "EUR");
  }

  private static JsonObject pay(String commandId, String orderId, String amount) {
    return new JsonObject().put("type", "PayOrder").put("commandId", commandId).put("orderId", orderId)
        .put("amount", amount);
  }

  private static OrderCommand command(JsonObject body) {
    try {
      ParseResult r = CommandParser.parse("acme",
          (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.read(body.encode()));
      return ((ParseResult.Parsed) r).command();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ConsumerRecord<byte[], byte[]> record(JsonObject body) {
    ProducerRecord<byte[], byte[]> r = CommandRecords.of("orders.commands", command(body));
    ConsumerRecord<byte[], byte[]> c = new ConsumerRecord<>("orders.commands", 0, offset++, r.key(), r.value());
    r.headers().forEach(h -> c.headers().add(h));
    return c;
  }

}
