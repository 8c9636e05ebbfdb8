package io.tally.projection;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.platform.FreePorts;
import io.tally.platform.ServerProcess;
import io.tally.projection.testkit.Await;
import io.tally.projection.testkit.EventLog;
import io.tally.projection.testkit.OrderFlows;
import io.tally.service.auth.Tokens;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projections process, as its own JVM, killed with -9 at random moments while 100,000 events arrive in
 * Kafka transactions (as the decider writes them), restarted each time. Afterwards the auditor, asked over the
 * admin API, finds nothing missing and nothing duplicated in either store.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, ClickHouseExtension.class})
class CrashRecoveryTest {
  private static final int EVENTS = 100_000;
  private static final int MIN_KILLS = 5;
  private static final String SECRET = "crash-test-secret-crash-test-secret-0123";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void killedWithSignal9AtRandomMomentsTheStoresStillEqualTheLog(TestKafka kafka, TestPostgres postgres,
      TestClickHouse clickHouse, @TempDir Path work) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (EventLog log = new EventLog(kafka, 6)) {
      int port = FreePorts.next();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("TALLY_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
      env.put("TALLY_PG_HOST", postgres.host());
      env.put("TALLY_PG_PORT", Integer.toString(postgres.port()));
      env.put("TALLY_PG_DATABASE", postgres.newDatabase());
      env.put("TALLY_PG_USER", postgres.user());
      env.put("TALLY_PG_PASSWORD", postgres.password());
      env.put("TALLY_CLICKHOUSE_URL", clickHouse.httpUrl());
      env.put("TALLY_CLICKHOUSE_DATABASE", clickHouse.newDatabase());
      env.put("TALLY_JWT_SECRET", SECRET);
      env.put("TALLY_TOPIC_PREFIX", log.prefix());
      env.put("TALLY_PROJECTIONS_PORT", Integer.toString(port));
      String token = Tokens.hs256(vertx, SECRET).issue("crash-test", null, List.of("platform-admin"), 3600);

      AtomicLong produced = new AtomicLong();
      Thread producer = new Thread(() -> produce(log, produced), "decider-like-producer");
      ServerProcess projections = start(env, work, port, 0);
      try {
        producer.start();
        Random random = new Random();
        List<Long> killedAfter = new ArrayList<>();
        int kills = 0;
        while (producer.isAlive()) {
          Thread.sleep(1000 + random.nextInt(3000));
          long at = produced.get();
          projections.kill();
          if (at > 0 && at < EVENTS) {
            killedAfter.add(at); // a kill while the log is still growing: the case that matters
          }
          kills++;
          projections = start(env, work, port, kills);
        }
        producer.join();
        assertThat(produced.get()).isEqualTo(EVENTS);
        ServerProcess last = projections;
        Await.until(Duration.ofMinutes(5), () -> caughtUp(port, token), () -> get(port, token,
            "/v1/admin/projections").encode() + "\n" + last.tail(20));

        JsonObject report = get(port, token, "/v1/admin/audit");
        System.out.printf("crash test: %d kills (after %s events produced), audit:%n%s%n", kills, killedAfter,
            report.encodePrettily().substring(0, Math.min(4000, report.encodePrettily().length())));
        assertThat(killedAfter).as("kills during the 100k-event run").hasSizeGreaterThanOrEqualTo(MIN_KILLS);
        for (Object o : report.getJsonArray("stores")) {
          JsonObject store = (JsonObject) o;
          assertThat(store.getLong("missing")).as(store.getString("projection") + " missing").isZero();
          assertThat(store.getLong("duplicated")).as(store.getString("projection") + " duplicated").isZero();
          assertThat(store.getLong("notYetProjected")).isZero();
          assertThat(store.getBoolean("clean")).as(store.encodePrettily()).isTrue();
        }
        assertThat(report.getJsonArray("stores")).hasSize(2);
        long stored = report.getJsonArray("stores").getJsonObject(0).getJsonArray("tenants").stream()
            .mapToLong(t -> ((JsonObject) t).getJsonObject("store").getLong("events")).sum();
        assertThat(stored).isEqualTo(EVENTS);
      } finally {
        projections.kill(); // never leave the child running, whatever failed above
        producer.join(60_000);
      }
    } finally {
      await(vertx.close());
    }
  }

  /** 100,000 events, a hundred per Kafka transaction, 1,500 per second: about a minute, room for the kills. */
  private static void produce(EventLog log, AtomicLong produced) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, log.bootstrap());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "crash-" + log.prefix());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    OrderFlows flows = new OrderFlows(77);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      List<EventEnvelope> pending = new ArrayList<>();
      int order = 0;
      long start = System.nanoTime();
      while (produced.get() < EVENTS) {
        while (pending.size() < 100) {
          pending.addAll(flows.order(List.of("acme", "globex", "initech").get(order % 3), "o-" + order++,
              Instant.now()));
        }
        int n = (int) Math.min(100, EVENTS - produced.get());
        producer.beginTransaction();
        for (EventEnvelope e : pending.subList(0, n)) {
          producer.send(EventLog.record(log.events(), e));
        }
        producer.commitTransaction();
        pending.subList(0, n).clear();
        produced.addAndGet(n);
        long due = start + produced.get() * 666_667L; // 1,500 events per second
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ServerProcess start(Map<String, String> env, Path work, int port, int run) {
    List<String> command = ServerProcess.javaCommand(System.getProperty("java.class.path"),
        List.of("-Xmx512m", "-XX:+UseSerialGC"), ProjectionsMain.class.getName(), List.of());
    ServerProcess process = ServerProcess.start("projections-" + run, command, env, work, work.resolve("projections.log"));
    return process.awaitReady(Duration.ofSeconds(90), () -> status(port, "/health") == 200);
  }

  private boolean caughtUp(int port, String token) {
    JsonObject all = get(port, token, "/v1/admin/projections");
    return all.getJsonArray("projections").size() == 2 && all.getJsonArray("projections").stream()
        .map(JsonObject.class::cast)
        .allMatch(p -> p.getString("state").equals("running") && p.getLong("lagEvents") == 0
            && p.getJsonArray("partitions").size() == 6
            // Lag reads 0 until a restarted process knows both the store's position (its resume point, which
            // waits out the killed process's inserts) and the log's end: that is not caught up yet.
            && p.getJsonArray("partitions").stream().map(JsonObject.class::cast)
                .allMatch(part -> part.getLong("position") >= 0 && part.getLong("endOffset") >= 0));
  }

  private int status(int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private JsonObject get(int port, String token, String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
      }
      return new JsonObject(response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(path + " unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
