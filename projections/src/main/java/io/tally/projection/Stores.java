package io.tally.projection;

import io.tally.service.Endpoints;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;

/** Clients of the two stores, made once per process from the endpoints. */
public record Stores(Pool postgres, ClickHouseHttp clickHouse) implements AutoCloseable {

  public static Stores connect(Vertx vertx, Endpoints endpoints) {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(6))
        .connectingTo(endpoints.postgres().setCachePreparedStatements(true))
        .using(vertx)
        .build();
    URI url = URI.create(endpoints.clickHouseUrl());
    ClickHouseHttp ch = ClickHouseHttp.create(vertx, url.getHost(), url.getPort() < 0 ? 8123 : url.getPort(),
        endpoints.clickHouseDatabase());
    return new Stores(pool, ch);
  }

  @Override
  public void close() {
    postgres.close();
    clickHouse.close();
  }
}
