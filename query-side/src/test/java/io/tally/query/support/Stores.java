package io.tally.query.support;

import io.tally.projection.ch.ChAnalyticsSink;
import io.tally.projection.pg.PgOrdersSink;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * A fresh Postgres database and ClickHouse database with the projections' own tables, made by the projections'
 * own sinks (prepare), so the query side is tested against exactly the schema the projections write.
 */
public final class Stores implements AutoCloseable {
  public final Vertx vertx;
  public final TestPostgres postgres;
  public final TestClickHouse clickHouse;
  public final String pgDatabase;
  public final String chDatabase;
  public final Pool pool;
  public final ClickHouseHttp ch;
  public final PgOrdersSink pgSink;
  public final ChAnalyticsSink chSink;

  public Stores(TestPostgres postgres, TestClickHouse clickHouse) {
    this.vertx = Vertx.vertx();
    this.postgres = postgres;
    this.clickHouse = clickHouse;
    this.pgDatabase = postgres.newDatabase();
    this.chDatabase = clickHouse.newDatabase();
    this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connectOptions()).using(vertx)
        .build();
    this.ch = clickHouse.client(vertx, chDatabase);
    this.pgSink = new PgOrdersSink(pool, "orders.events");
    this.chSink = new ChAnalyticsSink(vertx, ch, "orders.events");
    Await.result(pgSink.prepare().compose(v -> chSink.prepare()));
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port()).setDatabase(pgDatabase)
        .setUser(postgres.user()).setPassword(postgres.password());
  }

  /** The settings a service needs to reach these stores, as environment variable names. */
  public Map<String, String> settings() {
    Map<String, String> env = new HashMap<>();
    env.put("TALLY_PG_HOST", postgres.host());
    env.put("TALLY_PG_PORT", Integer.toString(postgres.port()));
    env.put("TALLY_PG_DATABASE", pgDatabase);
    env.put("TALLY_PG_USER", postgres.user());
    env.put("TALLY_PG_PASSWORD", postgres.password());
    env.put("TALLY_CLICKHOUSE_URL", clickHouse.httpUrl());
    env.put("TALLY_CLICKHOUSE_DATABASE", chDatabase);
    return env;
  }

  @Override
  public void close() {
    ch.close();
    Await.result(pool.close());
    Await.result(vertx.close());
  }
}
