package io.tally.projection.dlq;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.events.EventTypes;
import io.tally.events.UnknownSchemaVersionException;
import io.tally.order.ReadOutcome;
import io.tally.projection.runtime.BatchPolicy;
import io.tally.projection.runtime.DecodedRecord;
import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.RecordDecoder;
import io.tally.projection.testkit.OrderFlows;
import io.tally.projection.testkit.Stack;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An older build that did not know OrderRefunded dead-letters every refund; the auditor sees them missing; this
 * build's redrive applies them (and keeps real garbage), after which both stores equal the log. A second redrive
 * changes nothing.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, ClickHouseExtension.class})
class RedriveTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void redriveAppliesWhatThisBuildCanReadAndKeepsTheRest(TestKafka kafka, TestPostgres postgres,
      TestClickHouse clickHouse) throws Exception {
    try (Stack stack = new Stack(vertx, kafka, postgres, clickHouse, 3)) {
      stack.log.append(new OrderFlows(41).mixed(List.of("acme", "globex"), 400, "o-", Instant.now()));
      stack.log.appendRaw(1, "acme/junk", "not an event".getBytes(StandardCharsets.UTF_8), java.util.Map.of());
      ProjectionRuntime pg = oldBuild(stack, stack.pgSink());
      ProjectionRuntime ch = oldBuild(stack, stack.chSink());
      stack.caughtUp(pg, Duration.ofMinutes(1));
      stack.caughtUp(ch, Duration.ofMinutes(1));
      long refunds = pg.status().deadLettered() - 1;
      assertThat(refunds).as("the flows contain refunds").isPositive();

      JsonObject before = stack.audit(null);
      assertThat(Stack.store(before, "pg-orders").getLong("missing")).isEqualTo(refunds);
      assertThat(Stack.store(before, "ch-analytics").getLong("missing")).isEqualTo(refunds);

      Redrive redrive = new Redrive(new DeadLetterLog(stack.log.bootstrap(), stack.log.dlq()), stack.log.bootstrap(),
          stack.log.dlq());
      for (ProjectionRuntime live : List.of(pg, ch)) {
        JsonObject result = redrive.run(live.sink(), null);
        assertThat(result.getInteger("redrivenCount")).isEqualTo((int) refunds);
        assertThat(result.getInteger("stillPoisonCount")).as("garbage stays garbage").isEqualTo(1);
        assertThat(result.getJsonArray("stillPoison").getJsonObject(0).getString("reasonNow")).isEqualTo("unparseable");
      }
      JsonObject after = stack.audit(null);
      assertThat(after.getBoolean("clean")).as(after.encodePrettily()).isTrue();

      for (ProjectionRuntime live : List.of(pg, ch)) {
        JsonObject again = redrive.run(live.sink(), null);
        assertThat(again.getInteger("redrivenCount")).as("already redriven").isZero();
      }
      assertThat(stack.audit(null).getBoolean("clean")).isTrue();
      List<DeadLetterEntry> pending = new DeadLetterLog(stack.log.bootstrap(), stack.log.dlq()).pending(null);
      assertThat(pending).hasSize(2).allSatisfy(e -> assertThat(e.reason()).isEqualTo("unparseable"));
      assertThat(pending).extracting(DeadLetterEntry::projection).containsExactlyInAnyOrder("pg-orders", "ch-analytics");
    }
  }

  /** A runtime whose build knows no OrderRefunded: it dead-letters them as an unknown version. */
  private static ProjectionRuntime oldBuild(Stack stack, ProjectionSink sink) {
    BatchPolicy policy = new BatchPolicy(500, Duration.ofMillis(50));
    ProjectionRuntime runtime = new ProjectionRuntime(sink, stack.config(sink, policy), new SimpleMeterRegistry(),
        records -> records.stream().map(RedriveTest::decodeWithoutRefunds).toList());
    return stack.deploy(runtime);
  }

  private static DecodedRecord decodeWithoutRefunds(ConsumerRecord<byte[], byte[]> record) {
    DecodedRecord decoded = RecordDecoder.decode(record);
    if (decoded instanceof DecodedRecord.Valid v && v.event().envelope().type().equals(EventTypes.ORDER_REFUNDED)) {
      return new DecodedRecord.Poison(record, ReadOutcome.Reason.UNKNOWN_VERSION, "no schema for OrderRefunded v1",
          UnknownSchemaVersionException.class.getName());
    }
    return decoded;
  }
}
