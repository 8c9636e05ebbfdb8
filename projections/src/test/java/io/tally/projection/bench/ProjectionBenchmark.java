package io.tally.projection.bench;

import static io.tally.projection.testkit.Await.await;

import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.events.EventEnvelope;
import io.tally.projection.ch.ChAnalyticsSink;
import io.tally.projection.pg.PgOrdersSink;
import io.tally.projection.runtime.BatchPolicy;
import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.RuntimeConfig;
import io.tally.projection.testkit.EventLog;
import io.tally.projection.testkit.OrderFlows;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Figures for docs/benchmarks.md, not run by {@code mvn test} (the name does not end in Test). Run:
 * {@code mvn -pl projections test -Dtest=ProjectionBenchmark -Dbench.events=1000000}.
 * Catch-up: the events are in the log first, then each projection starts from an empty store and the clock runs
 * until its offsets reach the log end. Latency: a transactional producer writes 1,000 events/s (as the decider
 * would, event time = now), and the end-to-end timer of each running projection gives the percentiles.
 * {@code -Dbench.projections=pg-orders} runs only the named projections (catch-up; latency needs both);
 * {@code -Dbench.latency-seconds=0} skips the latency part.
 * {@code -Dbench.warm-runs=2} catch-ups after the cold one (each into an empty store).
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, ClickHouseExtension.class})
class ProjectionBenchmark {
  private static final int PARTITIONS = 6;
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
  void catchUpAndLatency(TestKafka kafka, TestPostgres postgres, TestClickHouse clickHouse) throws Exception {
    int events = Integer.getInteger("bench.events", 1_000_000);
    int latencySeconds = Integer.getInteger("bench.latency-seconds", 60);
    List<String> only = List.of(System.getProperty("bench.projections", "pg-orders,ch-analytics").split(","));
    try (EventLog log = new EventLog(kafka, PARTITIONS)) {
      long produced = fill(log, events);
      report("log", "%d events in %d partitions", produced, PARTITIONS);
      CpuMeter cpu = new CpuMeter().server("kafka", kafka.broker().pid()).server("postgres", postgres.server().pid())
          .server("clickhouse", clickHouse.server().pid());
      // The first catch-up of each runs in a cold JVM (JIT compiling as it goes); the later ones, each into a fresh
      // empty store, are what a running process achieves (the second still compiles some: a third is steady).
      // All are reported.
      List<String> runs = new ArrayList<>(List.of(" (cold JVM)"));
      for (int warm = 1; warm <= Integer.getInteger("bench.warm-runs", 2); warm++) {
        runs.add(" (warm " + warm + ")");
      }
      for (String run : runs) {
        if (only.contains(PgOrdersSink.NAME)) {
          String database = postgres.newDatabase();
          PgServerStats before = PgServerStats.sample(postgres);
          catchUp(PgOrdersSink.NAME + run, log, pgSink(postgres, database, log), produced, cpu);
          report("postgres " + PgOrdersSink.NAME + run, "%s; %s", PgServerStats.sample(postgres).since(before,
              produced), PgServerStats.tables(postgres, database));
        }
        if (only.contains(ChAnalyticsSink.NAME)) {
          catchUp(ChAnalyticsSink.NAME + run, log, chSink(clickHouse, log), produced, cpu);
        }
      }
    }
    if (latencySeconds <= 0) {
      return;
    }
    try (EventLog log = new EventLog(kafka, PARTITIONS)) {
      latency(log, pgSink(postgres, postgres.newDatabase(), log), chSink(clickHouse, log), latencySeconds);
    }
  }

  private static long fill(EventLog log, int events) {
    OrderFlows flows = new OrderFlows(11);
    long produced = 0;
    int chunk = 0;
    long t0 = System.nanoTime();
    while (produced < events) {
      List<EventEnvelope> batch = flows.mixed(List.of("acme", "globex", "initech", "umbrella", "hooli"), 5_000,
          "b" + chunk++ + "-", Instant.now());
      List<EventEnvelope> part = batch.subList(0, (int) Math.min(batch.size(), events - produced));
      log.append(part);
      produced += part.size();
    }
    report("fill", "%d events produced in %.1f s", produced, (System.nanoTime() - t0) / 1e9);
    return produced;
  }

  private static void catchUp(String name, EventLog log, ProjectionSink sink, long events, CpuMeter cpu)
      throws Exception {
    ProjectionRuntime runtime = runtime(log, sink, "catchup-" + name.replaceAll("[^a-z0-9-]", ""),
        new SimpleMeterRegistry());
    Map<String, Double> cpuBefore = cpu.sample();
    long t0 = System.nanoTime();
    String id = await(vertx.deployVerticle(runtime));
    Map<Integer, Long> end = log.endOffsets();
    long firstBatch = 0;
    while (!runtime.appliedOffsets().equals(end)) {
      if (firstBatch == 0 && runtime.status().batches() > 0) {
        firstBatch = System.nanoTime();
      }
      Thread.sleep(10);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> cpuAfter = cpu.sample();
    await(vertx.undeploy(id));
    report("cpu " + name, "%s", CpuMeter.perEvent(cpuBefore, cpuAfter, events));
    report("catch-up " + name, "%d events in %.2f s = %.0f events/s (batches %d, defaults %s; first batch in the "
        + "store after %.2f s)", events, seconds, events / seconds, runtime.status().batches(),
        runtime.status().policy(), firstBatch == 0 ? seconds : (firstBatch - t0) / 1e9);
  }

  private static void latency(EventLog log, ProjectionSink pg, ProjectionSink ch, int seconds) throws Exception {
    SimpleMeterRegistry pgMeters = new SimpleMeterRegistry();
    SimpleMeterRegistry chMeters = new SimpleMeterRegistry();
    ProjectionRuntime pgRuntime = runtime(log, pg, "latency-pg", pgMeters);
    ProjectionRuntime chRuntime = runtime(log, ch, "latency-ch", chMeters);
    List<String> ids = List.of(await(vertx.deployVerticle(pgRuntime)), await(vertx.deployVerticle(chRuntime)));
    Thread.sleep(3000); // both have taken their partitions
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, log.bootstrap());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + log.prefix());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    OrderFlows flows = new OrderFlows(12);
    long sent = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      long start = System.nanoTime();
      int order = 0;
      List<EventEnvelope> pending = new ArrayList<>();
      // 50 events per transaction, each stamped when it is sent, paced to 1,000 events/s overall: a decider
      // under load commits a few dozen events at a time.
      while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
        while (pending.size() < 50) {
          pending.addAll(flows.order("acme", "lat-" + order++, Instant.now()));
        }
        producer.beginTransaction();
        for (EventEnvelope e : pending.subList(0, 50)) {
          long due = start + sent * 1_000_000L;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          producer.send(EventLog.record(log.events(), restamp(e, Instant.now())));
          sent++;
        }
        producer.commitTransaction();
        pending.subList(0, 50).clear();
      }
    }
    Map<Integer, Long> end = log.endOffsets();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && (pgRuntime.status().lagEvents() > 0 || chRuntime.status().lagEvents() > 0)) {
      Thread.sleep(100);
    }
    report("latency", "%d events in %d s (target 1000/s, 50 per transaction); log end %s", sent, seconds, end);
    percentiles("pg-orders", pgMeters);
    percentiles("ch-analytics", chMeters);
    for (String id : ids) {
      await(vertx.undeploy(id));
    }
  }

  private static EventEnvelope restamp(EventEnvelope e, Instant now) {
    return new EventEnvelope(e.eventId(), e.tenant(), e.aggregateId(), e.sequence(), e.type(), e.schemaVersion(),
        now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), e.commandId(), e.correlationId(), e.payload());
  }

  private static void percentiles(String name, SimpleMeterRegistry meters) {
    var timer = meters.get("tally_projection_end_to_end_latency").timer();
    StringBuilder line = new StringBuilder();
    for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
      line.append(String.format("p%.0f=%.1f ms ", v.percentile() * 100, v.value(TimeUnit.MILLISECONDS)));
    }
    report("latency " + name, "%s(count %d, max %.1f ms)", line, timer.count(), timer.max(TimeUnit.MILLISECONDS));
  }

  private static ProjectionRuntime runtime(EventLog log, ProjectionSink sink, String group, SimpleMeterRegistry meters) {
    boolean ch = sink instanceof ChAnalyticsSink;
    BatchPolicy policy = ch ? new BatchPolicy(Integer.getInteger("bench.ch-batch", 50_000), Duration.ofMillis(500))
        : new BatchPolicy(Integer.getInteger("bench.pg-batch", 20_000), Duration.ofMillis(20));
    return new ProjectionRuntime(sink, new RuntimeConfig(log.bootstrap(), log.events(), log.dlq(), log.prefix() + group,
        policy, Duration.ofMillis(200), Duration.ofSeconds(30)), meters);
  }

  private static ProjectionSink pgSink(TestPostgres postgres, String database, EventLog log) {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(6))
        .connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
            .setDatabase(database).setUser(postgres.user()).setPassword(postgres.password())
            .setCachePreparedStatements(true))
        .using(vertx).build();
    return new PgOrdersSink(pool, log.events());
  }

  private static ProjectionSink chSink(TestClickHouse clickHouse, EventLog log) {
    ClickHouseHttp ch = clickHouse.client(vertx, clickHouse.newDatabase());
    return new ChAnalyticsSink(vertx, ch, log.events());
  }

  private static void report(String what, String format, Object... args) {
    System.out.printf("BENCH %s: %s%n", what, String.format(format, args));
  }
}
