package io.tally.projection.replay;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.projection.runtime.BatchPolicy;
import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.projection.runtime.ReplayScope;
import io.tally.projection.testkit.Await;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays on real servers while events keep arriving: reads answer from the old view during the rebuild, the
 * swap loses nothing, and a tenant replay touches only that tenant.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, ClickHouseExtension.class})
class ReplayTest {
  private static final BatchPolicy PG = new BatchPolicy(500, Duration.ofMillis(20));
  private static final BatchPolicy CH = new BatchPolicy(5_000, Duration.ofMillis(200));
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
  void aFullReplayUnderLiveLoadServesTheOldViewThenSwapsToOneEqualToTheLog(TestKafka kafka, TestPostgres postgres,
      TestClickHouse clickHouse) throws Exception {
    try (Stack stack = new Stack(vertx, kafka, postgres, clickHouse, 3)) {
      OrderFlows flows = new OrderFlows(21);
      stack.log.append(flows.mixed(List.of("acme", "globex", "initech"), 6_000, "pre-", Instant.now()));
      ProjectionRuntime pg = stack.deploy(stack.pgSink(), PG);
      ProjectionRuntime ch = stack.deploy(stack.chSink(), CH);
      stack.caughtUp(pg, Duration.ofMinutes(2));
      stack.caughtUp(ch, Duration.ofMinutes(2));
      AtomicBoolean producing = new AtomicBoolean(true);
      Thread load = liveLoad(stack, producing);
      try {
        Replays replays = new Replays();
        replayUnderReads(replays, pg, stack, () -> count(stack, "SELECT count(*) FROM current_orders"),
            "SELECT count(*) FROM pg_tables WHERE tablename = 'current_orders__shadow'");
        replayUnderReads(replays, ch, stack, () -> stack.ch.query("SELECT count() AS n FROM order_events")
            .toCompletionStage().toCompletableFuture().join().get(0).getLong("n"), null);
      } finally {
        producing.set(false);
        load.join();
      }
      stack.caughtUp(pg, Duration.ofMinutes(1));
      stack.caughtUp(ch, Duration.ofMinutes(1));
      JsonObject report = stack.audit(null);
      assertThat(report.getBoolean("clean")).as(report.encodePrettily()).isTrue();
      assertThat(Stack.store(report, "pg-orders").getLong("notYetProjected")).isZero();
      assertThat(Stack.store(report, "ch-analytics").getLong("notYetProjected")).isZero();
      assertThat(count(stack, "SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_\\_shadow' OR tablename LIKE '%\\_\\_old'"))
          .as("no shadow or old tables left").isZero();
      assertThat(count(stack, "SELECT count(*) FROM pg_indexes WHERE tablename = 'current_orders' AND indexname IN"
          + " ('current_orders_pkey', 'current_orders_recent')")).as("the live view keeps its indexes").isEqualTo(2);
    }
  }

  private void replayUnderReads(Replays replays, ProjectionRuntime live, Stack stack, LongSupplier liveCount,
                                String shadowExists) {
    long before = liveCount.getAsLong();
    assertThat(before).isPositive();
    ReplayProgress started = replays.start(live, ReplayScope.everything(), stack.config(live.sink(),
        live.status().policy()), 4_000).orElseThrow();
    assertThat(replays.start(live, ReplayScope.everything(), stack.config(live.sink(), live.status().policy()), 0))
        .as("one replay per projection at a time").isEmpty();
    AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
    boolean sawRebuilding = false;
    boolean sawShadow = false;
    boolean sawReplayingState = false;
    ReplayProgress progress = started;
    while (progress.active()) {
      long now = liveCount.getAsLong();
      lowest.accumulateAndGet(now, Math::min);
      if (progress.phase() == ReplayPhase.REBUILDING) {
        sawRebuilding = true;
        sawShadow |= shadowExists == null || count(stack, shadowExists) == 1;
        sawReplayingState |= live.status().state().code().equals("replaying");
        assertThat(progress.total()).isGreaterThanOrEqualTo(progress.done());
      }
      Await.sleep(100);
      progress = replays.progress(live.name()).orElseThrow();
    }
    assertThat(progress.phase()).as(progress.toJson().encode()).isEqualTo(ReplayPhase.DONE);
    assertThat(sawRebuilding).as("the rebuild took long enough to be watched").isTrue();
    assertThat(sawShadow).as("the shadow existed beside the live view").isTrue();
    assertThat(sawReplayingState).isTrue();
    assertThat(lowest.get()).as("reads during the rebuild kept answering from the old view").isGreaterThanOrEqualTo(before);
    assertThat(progress.done()).isEqualTo(progress.total());
    assertThat(progress.applied()).isGreaterThan(before - 1);
  }

  @Test
  void aTenantReplayRebuildsOnlyThatTenantAndTheAuditorListsWhatDiffers(TestKafka kafka, TestPostgres postgres,
      TestClickHouse clickHouse) throws Exception {
    try (Stack stack = new Stack(vertx, kafka, postgres, clickHouse, 3)) {
      stack.log.append(new OrderFlows(22).mixed(List.of("acme", "globex"), 1_000, "o-", Instant.now()));
      ProjectionRuntime pg = stack.deploy(stack.pgSink(), PG);
      ProjectionRuntime ch = stack.deploy(stack.chSink(), CH);
      stack.caughtUp(pg, Duration.ofMinutes(1));
      stack.caughtUp(ch, Duration.ofMinutes(1));
      // Damage both tenants' views the way a bug would: a wrong status, an event stored twice.
      for (String tenant : List.of("acme", "globex")) {
        await(stack.pg.query("UPDATE current_orders SET status = 'BOGUS' WHERE tenant = '" + tenant
            + "' AND order_id = (SELECT min(order_id) FROM current_orders WHERE tenant = '" + tenant + "')").execute());
        await(stack.ch.execute("INSERT INTO order_events SELECT * FROM order_events WHERE tenant = '" + tenant
            + "' AND kafka_offset = (SELECT min(kafka_offset) FROM order_events WHERE tenant = '" + tenant + "') LIMIT 1"));
      }
      JsonObject damaged = stack.audit(null);
      assertThat(damaged.getBoolean("clean")).isFalse();
      assertThat(Stack.store(damaged, "pg-orders").getLong("mismatchedOrders")).isEqualTo(2);
      assertThat(Stack.store(damaged, "ch-analytics").getLong("duplicated")).isEqualTo(2);
      assertThat(Stack.store(damaged, "pg-orders").getJsonArray("differences").encode()).contains("BOGUS", "acme", "globex");

      Replays replays = new Replays();
      for (ProjectionRuntime live : List.of(pg, ch)) {
        replays.start(live, ReplayScope.tenant("acme"), stack.config(live.sink(), live.status().policy()), 0)
            .orElseThrow();
        Await.until(Duration.ofMinutes(2), () -> !replays.progress(live.name()).orElseThrow().active(),
            () -> replays.progress(live.name()).orElseThrow().toJson().encode());
        assertThat(replays.progress(live.name()).orElseThrow().phase()).isEqualTo(ReplayPhase.DONE);
      }

      assertThat(stack.audit("acme").getBoolean("clean")).as("acme rebuilt from the log").isTrue();
      JsonObject globex = stack.audit("globex");
      assertThat(Stack.store(globex, "pg-orders").getLong("mismatchedOrders")).as("globex untouched").isEqualTo(1);
      assertThat(Stack.store(globex, "ch-analytics").getLong("duplicated")).as("globex untouched").isEqualTo(1);
      EventEnvelope after = new OrderFlows(23).order("acme", "after-replay", Instant.now()).get(0);
      stack.log.append(List.of(after));
      stack.caughtUp(pg, Duration.ofSeconds(30));
      assertThat(count(stack, "SELECT count(*) FROM current_orders WHERE order_id = 'after-replay'"))
          .as("the live projection continues after the swap").isEqualTo(1);
    }
  }

  private static Thread liveLoad(Stack stack, AtomicBoolean producing) {
    Thread t = new Thread(() -> {
      OrderFlows flows = new OrderFlows(99);
      int batch = 0;
      while (producing.get()) {
        stack.log.append(flows.mixed(List.of("acme", "globex", "initech"), 10, "live" + batch++ + "-", Instant.now()));
        Await.sleep(100);
      }
    }, "live-load");
    t.start();
    return t;
  }

  private static long count(Stack stack, String sql) {
    return await(stack.pg.query(sql).execute()).iterator().next().getLong(0);
  }
}
