package io.tally.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.events.EnvelopeCodec;
import io.tally.platform.ServerProcess;
import io.tally.service.auth.Tokens;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the command side (HTTP and decider in one process) in the middle of a load run, then a restart:
 * every command answered 201 has its events exactly once in orders.events, nothing else is there, no event is
 * duplicated, and clients that retried through the crash never saw a spurious 409.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class DeciderCrashTest {

  @Test
  void aKilledDeciderLosesNothingAndDuplicatesNothing(TestKafka kafka, TestPostgres pg) throws Exception {
    Map<String, String> env = CommandSide.settings(kafka, pg, Map.of());
    Path dir = Files.createTempDirectory("tally-crash-");
    int port = Integer.parseInt(env.get("TALLY_COMMAND_PORT"));
    Vertx vertx = Vertx.vertx();
    String token = Tokens.hs256(vertx, CommandSide.SECRET).issue("crash-client", "acme", List.of("writer"), 3600);
    vertx.close();
    OrderFlows flows = new OrderFlows(new ApiClient("http://127.0.0.1:" + port), "acme", token);

    ServerProcess first = CommandProcess.start("command-side-1", env, dir);
    ServerProcess second = null;
    try {
      CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
        try {
          flows.run(32, 25, "crash");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      awaitAnswers(flows, 600, load);
      int beforeKill = flows.answers.size();
      first.kill();
      long killedAt = System.nanoTime();
      second = CommandProcess.start("command-side-2", env, dir);
      load.get(10, TimeUnit.MINUTES);

      assertThat(beforeKill).isLessThan(flows.answers.size());
      assertThat(flows.transportFailures.get()).as("requests cut off by the crash").isPositive();
      assertThat(flows.answers.values()).as("answered after the restart")
          .anyMatch(f -> f.answeredAtNanos() > killedAt);
    } finally {
      first.kill();
      if (second != null) {
        second.close();
      }
    }
    assertExactlyOnce(kafka, env.get("TALLY_TOPIC_PREFIX") + "orders.events", flows);
    CommandProcess.deleteLogs(dir);
  }

  private static void assertExactlyOnce(TestKafka kafka, String topic, OrderFlows flows) {
    assertThat(flows.answers).hasSize(32 * 25 * 3);
    assertThat(flows.answers.values()).as("retried commands must get their first outcome, never a 409")
        .allMatch(f -> f.status() == 201);
    Map<String, Integer> answeredIds = new HashMap<>();
    flows.answers.values().forEach(f -> f.eventIds().forEach(id -> answeredIds.merge(id, 1, Integer::sum)));
    assertThat(answeredIds.values()).as("an event id named by two answers").allMatch(n -> n == 1);

    List<ConsumerRecord<byte[], byte[]>> records = LogReader.readAll(kafka, topic);
    Map<String, Integer> logged = new HashMap<>();
    Set<String> positions = new HashSet<>();
    Map<String, List<Long>> sequences = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      EventEnvelope e = EnvelopeCodec.fromBytes(r.value());
      logged.merge(e.eventId(), 1, Integer::sum);
      assertThat(positions.add(e.tenant() + "/" + e.aggregateId() + "#" + e.sequence()))
          .as("sequence %d of %s written twice", e.sequence(), e.aggregateId()).isTrue();
      sequences.computeIfAbsent(e.aggregateId(), k -> new java.util.ArrayList<>()).add(e.sequence());
    }
    assertThat(logged.values()).as("an event duplicated in the log").allMatch(n -> n == 1);
    assertThat(logged.keySet()).as("events in the log = events answered 201").isEqualTo(answeredIds.keySet());
    sequences.forEach((order, seqs) -> assertThat(seqs).as(order)
        .isEqualTo(LongStream.rangeClosed(1, seqs.size()).boxed().toList()));
    assertThat(sequences).hasSize(32 * 25);
  }

  private static void awaitAnswers(OrderFlows flows, int n, CompletableFuture<Void> load) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (flows.answers.size() < n) {
      if (load.isDone()) {
        load.get();
        throw new IllegalStateException("the load ended before " + n + " answers");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + flows.answers.size() + " answers after 3 minutes");
      }
      Thread.sleep(20);
    }
  }
}
