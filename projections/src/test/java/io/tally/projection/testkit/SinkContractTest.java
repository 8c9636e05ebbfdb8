package io.tally.projection.testkit;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.projection.dlq.DeadLetterHeaders;
import io.tally.projection.runtime.BatchPolicy;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.RuntimeConfig;
import io.tally.projection.runtime.SinkBatch;
import io.tally.projection.runtime.SinkErasure;
import io.tally.order.OrderEventPayloads;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.TestKafka;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sink test kit: what every sink must do, proven on the real store and a real broker. A sink passes by
 * extending this class and saying how to make a fresh instance on a fresh store and how to read its view.
 */
@ExtendWith(KafkaExtension.class)
public abstract class SinkContractTest {
  protected static Vertx vertx;
  protected EventLog log;
  protected final OrderFlows flows = new OrderFlows(42);
  private final List<String> deployments = new ArrayList<>();

  /** The view of one order as the store shows it: its newest version and status; null when absent. */
  public record OrderView(long version, String status) {}

  /** A new sink instance on this test's store: what a restarted process would make. */
  protected abstract ProjectionSink newSink(String topic);

  protected abstract OrderView view(String tenant, String orderId);

  /** Stored event rows of the tenant (history rows, or event rows of the column store). */
  protected abstract long storedEvents(String tenant);

  /** Rows stored more than once. */
  protected abstract long duplicates();

  /** Everything the store holds, summarised so that any change shows (write times excluded). */
  protected abstract String fingerprint();

  /** The sink's part of a tenant erasure, as the erasure calls it (a Postgres sink inside a transaction). */
  protected abstract Future<SinkErasure> erase(ProjectionSink sink, String tenant);

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  @BeforeEach
  void topics(TestKafka kafka) {
    log = new EventLog(kafka, 3);
  }

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> await(vertx.undeploy(id)));
    log.close();
  }

  @Test
  void aRedeliveredBatchChangesNothing() {
    ProjectionSink sink = newSink(log.events());
    await(sink.prepare());
    List<EventEnvelope> history = flows.mixed(List.of("acme", "globex"), 20, "o-", Instant.now());
    SinkBatch batch = batchOf(history, 0);
    await(sink.apply(batch));
    String before = fingerprint();
    Map<Integer, Long> offsets = await(sink.resumeOffsets());

    await(sink.apply(batch));
    assertThat(fingerprint()).as("same instance, same batch").isEqualTo(before);
    ProjectionSink restarted = newSink(log.events());
    await(restarted.apply(batch));
    assertThat(fingerprint()).as("new instance, same batch").isEqualTo(before);
    assertThat(await(restarted.resumeOffsets())).isEqualTo(offsets).isEqualTo(batch.nextOffsets());
    assertThat(storedEvents("acme") + storedEvents("globex")).isEqualTo(history.size());
    assertThat(duplicates()).isZero();
  }

  @Test
  void outOfOrderEventsKeepTheNewestVersion() {
    ProjectionSink sink = newSink(log.events());
    await(sink.prepare());
    Instant now = Instant.now();
    List<EventEnvelope> first = flows.shippedOrder("acme", "o-1", new BigDecimal("12.50"), now);
    List<EventEnvelope> second = flows.shippedOrder("acme", "o-2", new BigDecimal("7.00"), now);
    // o-1: version 3 is in the log before 1 and 2, and arrives in a batch of its own first.
    await(sink.apply(batch(List.of(event(first.get(2), 0, 0)), Map.of(0, 1L))));
    await(sink.apply(batch(List.of(event(first.get(0), 0, 1), event(first.get(1), 0, 2)), Map.of(0, 3L))));
    // o-2: all three shuffled inside one batch.
    await(sink.apply(batch(List.of(event(second.get(1), 0, 3), event(second.get(2), 0, 4),
        event(second.get(0), 0, 5)), Map.of(0, 6L))));

    assertThat(view("acme", "o-1")).isEqualTo(new OrderView(3, "SHIPPED"));
    assertThat(view("acme", "o-2")).isEqualTo(new OrderView(3, "SHIPPED"));
    assertThat(storedEvents("acme")).isEqualTo(6);
  }

  @Test
  void erasingATenantDeletesItsRowsOnlyKeepsTheResumePointAndIsIdempotent() {
    ProjectionSink sink = newSink(log.events());
    await(sink.prepare());
    List<EventEnvelope> history = flows.mixed(List.of("acme", "globex"), 30, "e-", Instant.now());
    // The log ends in an acme event: erasing acme removes its partition's newest row.
    history.addAll(flows.envelopes("acme", "last", List.of(placed()), Instant.now()));
    await(sink.apply(batchOf(history, 0)));
    long globex = storedEvents("globex");
    String acmeOrder = history.stream().filter(e -> e.tenant().equals("acme")).findFirst().orElseThrow().aggregateId();
    Map<Integer, Long> offsets = await(sink.resumeOffsets());

    SinkErasure first = await(erase(sink, "acme"));
    assertThat(first.rows().values().stream().mapToLong(Long::longValue).sum()).as(first.toString()).isPositive();
    assertThat(storedEvents("acme")).isZero();
    assertThat(view("acme", acmeOrder)).isNull();
    assertThat(storedEvents("globex")).isEqualTo(globex);
    assertThat(await(newSink(log.events()).resumeOffsets())).as("the resume point never moves back")
        .isEqualTo(offsets);
    String after = fingerprint();

    SinkErasure again = await(erase(sink, "acme"));
    assertThat(again.rows().values()).as(again.toString()).allMatch(n -> n == 0);
    assertThat(again.mutations()).isEmpty();
    assertThat(fingerprint()).isEqualTo(after);
  }

  @Test
  void poisonLandsInTheDlqWithItsHeadersAndDoesNotBlockThePartition() {
    Instant now = Instant.now();
    long validA = log.appendTo(0, flows.envelopes("acme", "o-1", List.of(placed()), now).get(0));
    long garbage = log.appendRaw(0, "acme/o-2", "{not json".getBytes(StandardCharsets.UTF_8),
        Map.of(EventHeaders.TENANT, "acme"));
    EventEnvelope incomplete = flows.envelopes("acme", "o-3", List.of(placed()), now).get(0);
    ObjectNode noCustomer = incomplete.payload().deepCopy();
    noCustomer.remove("customerId");
    long invalid = log.appendRaw(0, "acme/o-3", EnvelopeCodec.toBytes(incomplete.withSchema(2, noCustomer)),
        Map.of(EventHeaders.TENANT, "acme"));
    EventEnvelope future = flows.envelopes("acme", "o-4", List.of(placed()), now).get(0);
    long unknown = log.appendRaw(0, "acme/o-4", EnvelopeCodec.toBytes(future.withSchema(9, future.payload())),
        Map.of(EventHeaders.TENANT, "acme", EventHeaders.SCHEMA_VERSION, "9"));
    EventEnvelope elsewhere = flows.envelopes("acme", "o-5", List.of(placed()), now).get(0);
    long misrouted = log.appendRaw(0, "acme/o-5", EnvelopeCodec.toBytes(elsewhere),
        Map.of(EventHeaders.TENANT, "globex"));
    long validB = log.appendTo(0, flows.envelopes("acme", "o-6", List.of(placed()), now).get(0));

    ProjectionSink sink = newSink(log.events());
    ProjectionRuntime runtime = deploy(sink);
    Await.until(Duration.ofSeconds(60), () -> storedEvents("acme") == 2 && runtime.status().deadLettered() == 4,
        () -> runtime.status().toJson().encode());

    assertThat(view("acme", "o-1")).isNotNull();
    assertThat(view("acme", "o-6")).as("the event after the poison was applied").isNotNull();
    assertThat(view("acme", "o-5")).as("a record whose headers name another tenant is not applied").isNull();
    List<ConsumerRecord<byte[], byte[]>> dead = log.deadLetters();
    Map<Long, ConsumerRecord<byte[], byte[]>> bySource = dead.stream().collect(Collectors.toMap(
        r -> Long.parseLong(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_OFFSET)), r -> r));
    assertThat(bySource.keySet()).containsExactlyInAnyOrder(garbage, invalid, unknown, misrouted);
    assertThat(reason(bySource.get(garbage))).isEqualTo("unparseable");
    assertThat(reason(bySource.get(invalid))).isEqualTo("schema-invalid");
    assertThat(reason(bySource.get(unknown))).isEqualTo("unknown-version");
    assertThat(reason(bySource.get(misrouted))).isEqualTo("schema-invalid");
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(log.events());
      assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
      assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.PROJECTION)).isEqualTo(sink.name());
      assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.ERROR_CLASS)).startsWith("io.tally.");
      assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.DETAIL)).isNotBlank();
      assertThat(Instant.parse(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.TIME))).isAfter(now.minusSeconds(1));
      assertThat(DeadLetterHeaders.get(r.headers(), EventHeaders.TENANT)).as("original headers kept").isNotNull();
    }
    assertThat(new String(bySource.get(garbage).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(runtime.status().processed()).isEqualTo(2);
    assertThat(validA).isLessThan(validB);
    assertThat(await(newSink(log.events()).resumeOffsets())).containsEntry(0, validB + 1);
  }

  @Test
  void aRestartResumesAtExactlyTheNextOffset() {
    List<EventEnvelope> before = flows.mixed(List.of("acme", "globex"), 80, "a-", Instant.now());
    log.append(before);
    ProjectionRuntime first = deploy(newSink(log.events()));
    Await.until(Duration.ofSeconds(60), () -> total() == before.size() && first.status().caughtUp(),
        () -> total() + " stored, " + first.status().toJson().encode());
    Map<Integer, Long> end = log.endOffsets();
    undeploy(first);

    Map<Integer, Long> stored = await(newSink(log.events()).resumeOffsets());
    assertThat(stored).isEqualTo(nonEmpty(end));
    List<EventEnvelope> after = flows.mixed(List.of("acme", "globex"), 60, "b-", Instant.now());
    log.append(after);
    ProjectionRuntime second = deploy(newSink(log.events()));
    Await.until(Duration.ofSeconds(60), () -> total() == before.size() + after.size()
            && second.status().caughtUp(), () -> total() + " stored, " + second.status().toJson().encode());

    Map<Integer, Long> resumedFrom = new TreeMap<>();
    second.status().partitions().forEach(p -> resumedFrom.put(p.partition(), p.resumedFrom()));
    stored.forEach((p, next) -> assertThat(resumedFrom.get(p)).as("partition " + p).isEqualTo(next));
    assertThat(duplicates()).isZero();
    assertThat(await(newSink(log.events()).resumeOffsets())).isEqualTo(nonEmpty(log.endOffsets()));
  }

  @Test
  void aBatchEndingInPoisonStillMovesTheResumePoint() {
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      log.appendTo(0, flows.envelopes("acme", "v-" + i, List.of(placed()), now).get(0));
    }
    ProjectionRuntime first = deploy(newSink(log.events()));
    Await.until(Duration.ofSeconds(60), () -> storedEvents("acme") == 3, () -> first.status().toJson().encode());
    log.appendRaw(0, "acme/x-1", "garbage".getBytes(StandardCharsets.UTF_8), Map.of());
    long last = log.appendRaw(0, "acme/x-2", "more garbage".getBytes(StandardCharsets.UTF_8), Map.of());
    Await.until(Duration.ofSeconds(60), () -> first.status().deadLettered() == 2, () -> first.status().toJson().encode());
    undeploy(first);

    assertThat(await(newSink(log.events()).resumeOffsets())).containsEntry(0, last + 1);
    ProjectionRuntime second = deploy(newSink(log.events()));
    Await.until(Duration.ofSeconds(60), () -> second.status().partitions().size() == 3
        && second.status().positions().get(0) == last + 1, () -> second.status().toJson().encode());
    Await.sleep(500);
    assertThat(log.deadLetters()).as("nothing dead-lettered twice").hasSize(2);
    assertThat(second.status().deadLettered()).isZero();
  }

  // --- helpers for subclasses and the tests above ---

  protected ProjectionRuntime deploy(ProjectionSink sink) {
    RuntimeConfig config = new RuntimeConfig(log.bootstrap(), log.events(), log.dlq(), log.prefix() + "g-" + sink.name(),
        new BatchPolicy(100, Duration.ofMillis(50)), Duration.ofMillis(100), Duration.ofSeconds(2));
    ProjectionRuntime runtime = new ProjectionRuntime(sink, config, new SimpleMeterRegistry());
    deployments.add(await(vertx.deployVerticle(runtime)));
    return runtime;
  }

  protected void undeploy(ProjectionRuntime runtime) {
    String id = runtime.deploymentID();
    await(vertx.undeploy(id));
    deployments.remove(id);
  }

  protected long total() {
    return storedEvents("acme") + storedEvents("globex");
  }

  protected static io.tally.order.OrderEvent placed() {
    return new io.tally.order.OrderPlaced("c-1", new BigDecimal("10.00"), "EUR", List.of());
  }

  private static String reason(ConsumerRecord<byte[], byte[]> r) {
    return DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REASON);
  }

  private static Map<Integer, Long> nonEmpty(Map<Integer, Long> end) {
    return end.entrySet().stream().filter(e -> e.getValue() > 0)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }

  /** Events at offsets from start, each order's events on one partition (as keys route them). */
  protected static SinkBatch batchOf(List<EventEnvelope> envelopes, long start) {
    Map<Integer, Long> next = new HashMap<>();
    List<ProjectedEvent> events = new ArrayList<>();
    for (EventEnvelope e : envelopes) {
      int partition = Math.floorMod((e.tenant() + "/" + e.aggregateId()).hashCode(), 3);
      long offset = next.getOrDefault(partition, start);
      events.add(event(e, partition, offset));
      next.put(partition, offset + 1);
    }
    return new SinkBatch(events, next);
  }

  protected static ProjectedEvent event(EventEnvelope e, int partition, long offset) {
    return new ProjectedEvent(e, OrderEventPayloads.fromPayload(e.type(), e.payload()), partition, offset);
  }

  protected static SinkBatch batch(List<ProjectedEvent> events, Map<Integer, Long> next) {
    return new SinkBatch(events, next);
  }

}
