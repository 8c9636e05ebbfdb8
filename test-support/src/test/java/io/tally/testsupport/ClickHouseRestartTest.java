package io.tally.testsupport;

import static io.tally.testsupport.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalClickHouse;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts and crashes of ClickHouse on the same folder must keep every acknowledged insert. */
class ClickHouseRestartTest {
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() { vertx = Vertx.vertx(); }

  @AfterAll
  static void stopVertx() { await(vertx.close()); }

  @Test
  void rowsSurviveARestartAndAKill(@TempDir Path folder) {
    long fresh;
    long restarted;
    LocalClickHouse first = LocalClickHouse.start(folder, FreePorts.next());
    try (first) {
      fresh = first.startedIn().toMillis();
      first.createDatabase("analytics");
      inAnalytics(first, c -> {
        await(c.execute("CREATE TABLE order_facts (order_id String, kafka_offset UInt64) "
            + "ENGINE = MergeTree ORDER BY order_id"));
        await(c.insertJsonEachRow("order_facts", List.of(row("o-1", 1))));
      });
    }
    assertThat(first.isAlive()).isFalse();

    try (LocalClickHouse second = LocalClickHouse.start(folder, FreePorts.next())) {
      restarted = second.startedIn().toMillis();
      inAnalytics(second, c -> {
        assertThat(orderIds(c)).containsExactly("o-1");
        await(c.insertJsonEachRow("order_facts", List.of(row("o-2", 2))));
      });
      second.kill(); // acknowledged, then crashed: o-2 must still be there
    }

    try (LocalClickHouse third = LocalClickHouse.start(folder, FreePorts.next())) {
      inAnalytics(third, c -> assertThat(orderIds(c)).containsExactly("o-1", "o-2"));
      System.out.printf("clickhouse start: fresh folder %d ms, after close %d ms, after kill -9 %d ms%n",
          fresh, restarted, third.startedIn().toMillis());
    }
  }

  @Test
  void aServerLeftOnTheFolderIsStoppedByTheNextStart(@TempDir Path folder) {
    LocalClickHouse leftover = LocalClickHouse.start(folder, FreePorts.next());
    try (LocalClickHouse next = LocalClickHouse.start(folder, FreePorts.next())) {
      assertThat(leftover.isAlive()).isFalse();
      assertThat(next.isAlive()).isTrue();
    } finally {
      leftover.close();
    }
  }

  @Test
  void refusesAPortSomethingElseListensOn(@TempDir Path folder) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalClickHouse.start(folder, taken.getLocalPort())).hasMessageContaining("taken");
    }
  }

  private static void inAnalytics(LocalClickHouse server, java.util.function.Consumer<ClickHouseHttp> work) {
    try (ClickHouseHttp client = ClickHouseHttp.create(vertx, server.host(), server.httpPort(), "analytics")) {
      work.accept(client);
    }
  }

  private static List<String> orderIds(ClickHouseHttp client) {
    return await(client.query("SELECT order_id FROM order_facts ORDER BY order_id")).stream()
        .map(r -> r.getString("order_id")).toList();
  }

  private static JsonObject row(String orderId, long offset) {
    return new JsonObject().put("order_id", orderId).put("kafka_offset", offset);
  }
}
