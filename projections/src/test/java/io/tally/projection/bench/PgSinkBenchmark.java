package io.tally.projection.bench;

import static io.tally.projection.testkit.Await.await;

import io.tally.events.EventEnvelope;
import io.tally.order.OrderEventPayloads;
import io.tally.projection.pg.PgOrdersSink;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.runtime.SinkBatch;
import io.tally.projection.testkit.OrderFlows;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Postgres sink alone, without the broker and decoding: the batches ProjectionBenchmark's log would give
 * (5 tenants, 6 partitions, 5,000 events a batch) applied one after the other, so the CPU of Postgres and of the
 * sink's own code per event can be compared between variants in seconds. Not run by {@code mvn test}. Run:
 * {@code mvn -pl projections test -Dtest=PgSinkBenchmark -Dbench.events=300000 -Dbench.batch=5000 -Dbench.rounds=3}
 * (the first round warms the JVM up; each round writes into a fresh database).
 */
@ExtendWith(PostgresExtension.class)
class PgSinkBenchmark {
  private static final int PARTITIONS = 6;

  @Test
  void applyBatches(TestPostgres postgres) throws Exception {
    int events = Integer.getInteger("bench.events", 300_000);
    int batchSize = Integer.getInteger("bench.batch", 5_000);
    List<SinkBatch> batches = batches(events, batchSize);
    Vertx vertx = Vertx.vertx();
    try {
      CpuMeter cpu = new CpuMeter().server("postgres", postgres.server().pid());
      int rounds = Integer.getInteger("bench.rounds", 3);
      for (int round = 0; round < rounds; round++) {
        String run = round == 0 ? "warm-up" : "measured " + round;
        String database = postgres.newDatabase();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(PARTITIONS))
            .connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
                .setDatabase(database).setUser(postgres.user()).setPassword(postgres.password())
                .setCachePreparedStatements(true))
            .using(vertx).build();
        PgOrdersSink sink = new PgOrdersSink(pool, "orders.events");
        await(sink.prepare());
        PgServerStats before = PgServerStats.sample(postgres);
        Map<String, Double> cpuBefore = cpu.sample();
        long t0 = System.nanoTime();
        for (SinkBatch batch : batches) {
          await(sink.apply(batch));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BENCH pg-sink %s: %d events in %.2f s = %.0f events/s; %s; %s; %s%n", run, events,
            seconds, events / seconds, CpuMeter.perEvent(cpuBefore, cpu.sample(), events),
            PgServerStats.sample(postgres).since(before, events), PgServerStats.tables(postgres, database));
        await(pool.close());
      }
    } finally {
      await(vertx.close());
    }
  }

  /** The log as ProjectionBenchmark fills it, cut into batches in log order across partitions. */
  private static List<SinkBatch> batches(int events, int batchSize) {
    OrderFlows flows = new OrderFlows(11);
    List<ProjectedEvent> log = new ArrayList<>(events);
    Map<Integer, Long> offsets = new HashMap<>();
    int chunk = 0;
    while (log.size() < events) {
      for (EventEnvelope e : flows.mixed(List.of("acme", "globex", "initech", "umbrella", "hooli"), 5_000,
          "b" + chunk++ + "-", Instant.now())) {
        if (log.size() == events) {
          break;
        }
        int partition = Math.floorMod((e.tenant() + "/" + e.aggregateId()).hashCode(), PARTITIONS);
        long offset = offsets.merge(partition, 1L, Long::sum) - 1;
        log.add(new ProjectedEvent(e, OrderEventPayloads.fromPayload(e.type(), e.payload()), partition, offset));
      }
    }
    List<SinkBatch> batches = new ArrayList<>();
    for (int from = 0; from < log.size(); from += batchSize) {
      List<ProjectedEvent> part = log.subList(from, Math.min(log.size(), from + batchSize));
      Map<Integer, Long> next = new HashMap<>();
      part.forEach(e -> next.merge(e.partition(), e.offset() + 1, Math::max));
      batches.add(new SinkBatch(new ArrayList<>(part), next));
    }
    return batches;
  }
}
