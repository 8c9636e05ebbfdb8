package io.tally.testsupport;

import static io.tally.testsupport.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresRoundTripTest {
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() { vertx = Vertx.vertx(); }

  @AfterAll
  static void stopVertx() { await(vertx.close()); }

  @Test
  void aRowRoundTripsThroughTheVertxPgClient(TestPostgres postgres) {
    String database = postgres.newDatabase();
    Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
        .setDatabase(database).setUser(postgres.user()).setPassword(postgres.password())).using(vertx).build();
    try {
      await(pool.query("CREATE TABLE orders (tenant text, order_id text, note text, total numeric(12,2), "
          + "PRIMARY KEY (tenant, order_id))").execute());
      await(pool.preparedQuery("INSERT INTO orders VALUES ($1, $2, $3, $4)")
          .execute(Tuple.of("acme", "o-1", "it's \"quoted\"", new BigDecimal("12.50"))));

      Row row = await(pool.preparedQuery("SELECT * FROM orders WHERE tenant = $1").execute(Tuple.of("acme")))
          .iterator().next();
      assertThat(row.getString("order_id")).isEqualTo("o-1");
      assertThat(row.getString("note")).isEqualTo("it's \"quoted\"");
      assertThat(row.getBigDecimal("total")).isEqualByComparingTo("12.50");
    } finally {
      await(pool.close());
    }
  }

  @Test
  void eachNewDatabaseIsEmptyAndSeparate(TestPostgres postgres) throws Exception {
    String first = postgres.newDatabase();
    String second = postgres.newDatabase();
    assertThat(first).isNotEqualTo(second);
    try (Connection c = postgres.connect(first)) {
      c.createStatement().execute("CREATE TABLE orders (id int)");
    }
    try (Connection c = postgres.connect(second); ResultSet rs = c.createStatement()
        .executeQuery("SELECT to_regclass('orders') IS NULL")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("table of another test's database is invisible").isTrue();
    }
  }

  @Test
  void oneServerServesTheWholeJvm(TestPostgres first, TestPostgres second) {
    assertThat(first).isSameAs(second);
    assertThat(ProcessHandle.of(first.server().pid())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
  }

  @Test
  void createDatabaseIsIdempotent(TestPostgres postgres) throws Exception {
    postgres.server().createDatabase("created_twice");
    postgres.server().createDatabase("created_twice");
    try (Connection c = postgres.connect("created_twice")) {
      assertThat(c.isValid(5)).isTrue();
    }
  }
}
