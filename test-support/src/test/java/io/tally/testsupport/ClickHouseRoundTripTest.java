package io.tally.testsupport;

import static io.tally.testsupport.Awaits.await;
import static io.tally.testsupport.Awaits.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.platform.FreePorts;
import io.tally.service.clickhouse.ClickHouseException;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.clickhouse.ClickHouseSql;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClickHouseExtension.class)
class ClickHouseRoundTripTest {
  private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() { vertx = Vertx.vertx(); }

  @AfterAll
  static void stopVertx() { await(vertx.close()); }

  @Test
  void rowsRoundTripThroughOneInsert(TestClickHouse clickHouse) {
    try (ClickHouseHttp client = clickHouse.client(vertx, clickHouse.newDatabase())) {
      await(client.execute("CREATE TABLE order_facts (tenant String, order_id String, note String, "
          + "kafka_offset UInt64, amount Float64) ENGINE = MergeTree ORDER BY (tenant, order_id)"));
      String note = "it's a \"quoted\" note with a \\ backslash,\na newline and Zürich 東京";
      await(client.insertJsonEachRow("order_facts", List.of(
          new JsonObject().put("tenant", "acme").put("order_id", "o-1").put("note", note)
              .put("kafka_offset", UINT64_MAX).put("amount", 12.5),
          // 2^53 + 1: a double would round it, so this proves 64-bit integers come back as exact numbers.
          new JsonObject().put("tenant", "acme").put("order_id", "o-2").put("note", "")
              .put("kafka_offset", 9_007_199_254_740_993L).put("amount", 0.0))));

      List<JsonObject> rows = await(client.query("SELECT * FROM order_facts ORDER BY order_id;"));

      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).getString("note")).isEqualTo(note);
      assertThat(rows.get(0).getValue("kafka_offset")).isEqualTo(UINT64_MAX);
      assertThat(rows.get(0).getDouble("amount")).isEqualTo(12.5);
      assertThat(rows.get(1).getValue("kafka_offset")).isEqualTo(9_007_199_254_740_993L);
    }
  }

  @Test
  void escapedLiteralsComeBackVerbatimAndCannotWidenAFilter(TestClickHouse clickHouse) {
    try (ClickHouseHttp client = clickHouse.client(vertx, clickHouse.newDatabase())) {
      await(client.execute("CREATE TABLE orders (tenant String) ENGINE = MergeTree ORDER BY tenant"));
      await(client.insertJsonEachRow("orders", List.of(new JsonObject().put("tenant", "acme"))));
      List<String> attacks = List.of("x' OR 1=1 --", "\\' OR 1=1 --", "'; DROP TABLE orders; --", "\\x27 OR 1=1",
          "trailing\\", "a\nb\tc\0d", "' UNION ALL SELECT tenant FROM orders --", "acme' OR tenant = 'acme");
      for (String attack : attacks) {
        List<JsonObject> echoed = await(client.query("SELECT " + ClickHouseSql.literal(attack) + " AS v"));
        assertThat(echoed.get(0).getString("v")).as(attack).isEqualTo(attack);
        List<JsonObject> matched = await(client.query(
            "SELECT count() AS n FROM orders WHERE tenant = " + ClickHouseSql.literal(attack)));
        assertThat(matched.get(0).getLong("n")).as(attack).isZero();
      }
      assertThat(await(client.query("SELECT count() AS n FROM orders")).get(0).getLong("n")).isEqualTo(1);
    }
  }

  @Test
  void serverErrorsFailWithClickHouseText(TestClickHouse clickHouse) {
    try (ClickHouseHttp client = clickHouse.client(vertx, clickHouse.newDatabase())) {
      Throwable missingTable = failureOf(client.query("SELECT * FROM no_such_table"));
      assertThat(missingTable).isInstanceOf(ClickHouseException.class).hasMessageContaining("no_such_table");
      assertThat(((ClickHouseException) missingTable).code()).isEqualTo(60);

      // Fails after many rows were produced: must still be an error, not a short result.
      Throwable midway = failureOf(client.query("SELECT throwIf(number = 30000) AS t FROM system.numbers "
          + "LIMIT 100000 SETTINGS max_block_size = 1"));
      assertThat(midway).isInstanceOf(ClickHouseException.class);
      assertThat(((ClickHouseException) midway).code()).isEqualTo(395);

      Throwable badInsert = failureOf(client.insertJsonEachRow("no_such_table", List.of(new JsonObject().put("a", 1))));
      assertThat(((ClickHouseException) badInsert).code()).isEqualTo(60);

      Throwable missingDatabase = failureOf(client.inDatabase("no_such_db").query("SELECT 1 AS one"));
      assertThat(((ClickHouseException) missingDatabase).code()).isEqualTo(81);

      Throwable wrongPassword = failureOf(client.withCredentials("default", "wrong").query("SELECT 1 AS one"));
      assertThat(((ClickHouseException) wrongPassword).httpStatus()).isEqualTo(401);
      assertThat(await(client.withCredentials("default", "").query("SELECT 1 AS one")).get(0).getInteger("one"))
          .isEqualTo(1);
    }
  }

  @Test
  void anUnreachableServerIsATransportFailureNotAClickHouseError() {
    try (ClickHouseHttp client = ClickHouseHttp.create(vertx, "127.0.0.1", FreePorts.next(), "default")) {
      assertThat(failureOf(client.execute("SELECT 1"))).isInstanceOf(ConnectException.class);
      assertThat(await(client.insertJsonEachRow("anything", List.of()))).as("no rows, no request").isNull();
    }
  }

  @Test
  void pingAnswers(TestClickHouse clickHouse) {
    try (ClickHouseHttp client = clickHouse.client(vertx, "default")) {
      await(client.ping());
    }
  }
}
