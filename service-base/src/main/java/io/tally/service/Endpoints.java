package io.tally.service;

import io.vertx.pgclient.PgConnectOptions;

/** The addresses of the platform's shared parts, as every service sees them. */
public record Endpoints(String kafkaBootstrap, PgConnectOptions postgres, String clickHouseUrl,
                        String clickHouseDatabase) {

  public static final String KAFKA_BOOTSTRAP = "tally.kafka.bootstrap";
  public static final String PG_HOST = "tally.pg.host";
  public static final String PG_PORT = "tally.pg.port";
  public static final String PG_DATABASE = "tally.pg.database";
  public static final String PG_USER = "tally.pg.user";
  public static final String PG_PASSWORD = "tally.pg.password";
  public static final String CLICKHOUSE_URL = "tally.clickhouse.url";
  public static final String CLICKHOUSE_DATABASE = "tally.clickhouse.database";

  public static Endpoints from(Settings s) {
    PgConnectOptions pg = new PgConnectOptions()
        .setHost(s.get(PG_HOST, "127.0.0.1"))
        .setPort(s.getInt(PG_PORT, 5432))
        .setDatabase(s.get(PG_DATABASE, "tally"))
        .setUser(s.get(PG_USER, "postgres"))
        .setPassword(s.get(PG_PASSWORD, "postgres"));
    return new Endpoints(s.get(KAFKA_BOOTSTRAP, "127.0.0.1:9092"), pg,
        s.get(CLICKHOUSE_URL, "http://127.0.0.1:8123"), s.get(CLICKHOUSE_DATABASE, "tally"));
  }
}
