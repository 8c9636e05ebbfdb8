package io.tally.projection.runtime;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.platform.FreePorts;
import io.tally.platform.LocalClickHouse;
import io.tally.platform.LocalPostgres;
import io.tally.projection.audit.Auditor;
import io.tally.projection.audit.ChAuditedStore;
import io.tally.projection.audit.PgAuditedStore;
import io.tally.projection.ch.ChAnalyticsSink;
import io.tally.projection.pg.PgOrdersSink;
import io.tally.projection.testkit.Await;
import io.tally.projection.testkit.EventLog;
import io.tally.projection.testkit.OrderFlows;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postgres, then ClickHouse, stopped for 30 s while events keep coming: the projection of the stopped store
 * retries with its partitions paused (no rebalance, nothing dead-lettered), the other one carries on, and after
 * the restart both views equal the log. Private servers, so the JVM's shared ones are not disturbed.
 */
@ExtendWith(KafkaExtension.class)
class StoreOutageTest {
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @Test
  void aStoppedStorePausesItsProjectionWhichRetriesAndResumesWithNothingDeadLettered(
      TestKafka kafka, @TempDir Path pgDir, @TempDir Path chDir) throws Exception {
    int pgPort = FreePorts.next();
    int chPort = FreePorts.next();
    LocalPostgres postgres = LocalPostgres.start(pgDir, pgPort);
    LocalClickHouse clickHouse = LocalClickHouse.start(chDir, chPort);
    Vertx vertx = Vertx.vertx();
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread load = null;
    try (EventLog log = new EventLog(kafka, 3)) {
      postgres.createDatabase("tally");
      clickHouse.createDatabase("tally");
      Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(pgPort)
          .setDatabase("tally").setUser(postgres.user()).setPassword(postgres.password())).using(vertx).build();
      ClickHouseHttp ch = ClickHouseHttp.create(vertx, "127.0.0.1", chPort, "tally");
      ProjectionRuntime pg = deploy(vertx, log, new PgOrdersSink(pool, log.events()));
      ProjectionRuntime col = deploy(vertx, log, new ChAnalyticsSink(vertx, ch, log.events()));
      load = load(log, producing);
      Await.until(Duration.ofSeconds(60), () -> pg.status().processed() > 500 && col.status().processed() > 500,
          () -> pg.status().toJson().encode());

      Map<Integer, Long> pgResumedFrom = pg.status().partitions().stream()
          .collect(java.util.stream.Collectors.toMap(PartitionStatus::partition, PartitionStatus::resumedFrom));
      postgres.close();
      Outage pgOutage = observe(pg, col);
      postgres = LocalPostgres.start(pgDir, pgPort);
      Await.until(Duration.ofSeconds(90), () -> pg.status().state() == RuntimeState.RUNNING && pg.status().lagEvents() < 500,
          () -> pg.status().toJson().encode());

      clickHouse.close();
      Outage chOutage = observe(col, pg);
      clickHouse = LocalClickHouse.start(chDir, chPort);
      Await.until(Duration.ofSeconds(90), () -> col.status().state() == RuntimeState.RUNNING && col.status().lagEvents() < 5000,
          () -> col.status().toJson().encode());

      producing.set(false);
      load.join();
      for (ProjectionRuntime runtime : List.of(pg, col)) {
        Await.until(Duration.ofSeconds(90), () -> runtime.status().caughtUp(),
            () -> runtime.status().toJson().encode());
      }
      for (Outage outage : List.of(pgOutage, chOutage)) {
        assertThat(outage.sawRetrying).as("retrying while its store was down").isTrue();
        assertThat(outage.sawAllPaused).as("partitions paused while retrying").isTrue();
        assertThat(outage.maxAttempts).as("retried with backoff, more than once").isGreaterThan(2);
        assertThat(outage.otherKeptGoing).as("the other projection was not held up").isTrue();
      }
      assertThat(pg.status().partitions()).allSatisfy(p ->
          assertThat(p.resumedFrom()).as("no rebalance, no reseek").isEqualTo(pgResumedFrom.get(p.partition())));
      assertThat(log.deadLetters()).as("a store outage is not poison").isEmpty();
      assertThat(pg.status().deadLettered() + col.status().deadLettered()).isZero();
      JsonObject report = new Auditor(log.bootstrap(), log.events(), List.of(new PgAuditedStore(pool, log.events()),
          new ChAuditedStore(new ChAnalyticsSink(vertx, ch, log.events()), ch))).run(null);
      assertThat(report.getBoolean("clean")).as(report.encodePrettily()).isTrue();
    } finally {
      producing.set(false);
      if (load != null) {
        load.join();
      }
      await(vertx.close());
      postgres.close();
      clickHouse.close();
    }
  }

  /** What was seen while one store was down for the outage time. */
  private static final class Outage {
    boolean sawRetrying;
    boolean sawAllPaused;
    int maxAttempts;
    boolean otherKeptGoing;
  }

  private static Outage observe(ProjectionRuntime down, ProjectionRuntime other) {
    Outage seen = new Outage();
    long otherBefore = other.status().processed();
    long end = System.nanoTime() + OUTAGE.toNanos();
    while (System.nanoTime() < end) {
      ProjectionStatus status = down.status();
      if (status.state() == RuntimeState.RETRYING) {
        seen.sawRetrying = true;
        seen.maxAttempts = Math.max(seen.maxAttempts, status.retryAttempts());
        seen.sawAllPaused |= !status.partitions().isEmpty() && status.partitions().stream().allMatch(PartitionStatus::paused);
      }
      Await.sleep(200);
    }
    seen.otherKeptGoing = other.status().processed() > otherBefore + 1000 && other.status().state() == RuntimeState.RUNNING;
    return seen;
  }

  private static ProjectionRuntime deploy(Vertx vertx, EventLog log, ProjectionSink sink) {
    BatchPolicy policy = sink instanceof ChAnalyticsSink ? new BatchPolicy(5_000, Duration.ofMillis(200))
        : new BatchPolicy(500, Duration.ofMillis(20));
    ProjectionRuntime runtime = new ProjectionRuntime(sink, new RuntimeConfig(log.bootstrap(), log.events(), log.dlq(),
        log.prefix() + "g-" + sink.name(), policy, Duration.ofMillis(100), Duration.ofSeconds(5)),
        new SimpleMeterRegistry());
    await(vertx.deployVerticle(runtime));
    return runtime;
  }

  private static Thread load(EventLog log, AtomicBoolean producing) {
    Supplier<Thread> make = () -> new Thread(() -> {
      OrderFlows flows = new OrderFlows(31);
      int round = 0;
      while (producing.get()) {
        log.append(flows.mixed(List.of("acme", "globex"), 20, "r" + round++ + "-", Instant.now()));
        Await.sleep(100);
      }
    }, "outage-load");
    Thread t = make.get();
    t.start();
    return t;
  }
}
