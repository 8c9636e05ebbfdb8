package io.tally.projection.testkit;

import static io.tally.projection.testkit.Await.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.projection.audit.AuditedStore;
import io.tally.projection.audit.Auditor;
import io.tally.projection.audit.ChAuditedStore;
import io.tally.projection.audit.PgAuditedStore;
import io.tally.projection.ch.ChAnalyticsSink;
import io.tally.projection.pg.PgOrdersSink;
import io.tally.projection.runtime.BatchPolicy;
import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.RuntimeConfig;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both projections in this JVM on a test's own topics, Postgres database and ClickHouse database: what the
 * projections process runs, minus the HTTP edge.
 */
public final class Stack implements AutoCloseable {
  public final Vertx vertx;
  public final EventLog log;
  public final Pool pg;
  public final ClickHouseHttp ch;
  public final String pgDatabase;
  public final String chDatabase;
  private final List<String> deployments = new ArrayList<>();

  public Stack(Vertx vertx, TestKafka kafka, TestPostgres postgres, TestClickHouse clickHouse, int partitions) {
    this.vertx = vertx;
    this.log = new EventLog(kafka, partitions);
    this.pgDatabase = postgres.newDatabase();
    this.pg = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
        .setDatabase(pgDatabase).setUser(postgres.user()).setPassword(postgres.password())
        .setCachePreparedStatements(true)).with(new io.vertx.sqlclient.PoolOptions().setMaxSize(6)).using(vertx).build();
    this.chDatabase = clickHouse.newDatabase();
    this.ch = clickHouse.client(vertx, chDatabase);
  }

  public PgOrdersSink pgSink() {
    return new PgOrdersSink(pg, log.events());
  }

  public ChAnalyticsSink chSink() {
    return new ChAnalyticsSink(vertx, ch, log.events());
  }

  public RuntimeConfig config(ProjectionSink sink, BatchPolicy policy) {
    return new RuntimeConfig(log.bootstrap(), log.events(), log.dlq(), log.prefix() + "tally-projection-" + sink.name(),
        policy, Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  public ProjectionRuntime deploy(ProjectionSink sink, BatchPolicy policy) {
    return deploy(new ProjectionRuntime(sink, config(sink, policy), new SimpleMeterRegistry()));
  }

  /** Deploys a runtime made by the test; undeployed when the stack closes. */
  public ProjectionRuntime deploy(ProjectionRuntime runtime) {
    deployments.add(await(vertx.deployVerticle(runtime)));
    return runtime;
  }

  /** Waits until the runtime's store has every record now in the log. */
  public void caughtUp(ProjectionRuntime runtime, Duration timeout) {
    Map<Integer, Long> end = log.endOffsets();
    Await.until(timeout, () -> covers(runtime.appliedOffsets(), end) && runtime.status().caughtUp(),
        () -> runtime.status().toJson().encode() + " log end " + end);
  }

  private static boolean covers(Map<Integer, Long> applied, Map<Integer, Long> end) {
    return end.entrySet().stream().allMatch(e -> e.getValue() == 0 || applied.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  public JsonObject audit(String tenant) throws Exception {
    List<AuditedStore> stores = List.of(new PgAuditedStore(pg, log.events()),
        new ChAuditedStore(chSink(), ch));
    return new Auditor(log.bootstrap(), log.events(), stores).run(tenant);
  }

  public static JsonObject store(JsonObject report, String projection) {
    return report.getJsonArray("stores").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("projection").equals(projection)).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    deployments.forEach(id -> await(vertx.undeploy(id)));
    log.close();
    await(pg.close());
    ch.close();
  }
}
