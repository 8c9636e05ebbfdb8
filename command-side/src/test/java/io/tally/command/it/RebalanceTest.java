package io.tally.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.command.load.LoadGenerator;
import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.platform.FreePorts;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two command sides split the partitions between their deciders; one leaves in the middle of a load run and the
 * other takes its partitions over, rebuilding them from a log that also holds poison records. Nothing is lost,
 * nothing duplicated, and the poison never became state.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class RebalanceTest {

  @Test
  void deciderInstancesSplitPartitionsAndHandThemOverWithoutLossOrDuplicates(TestKafka kafka, TestPostgres pg)
      throws Exception {
    Map<String, String> a = CommandSide.settings(kafka, pg, Map.of("TALLY_DECIDER_THREADS", "1",
        "TALLY_DECIDER_SESSION_TIMEOUT_MS", "6000", "TALLY_DECIDER_INSTANCE_ID", "a"));
    Map<String, String> b = new HashMap<>(a);
    b.put("TALLY_DECIDER_INSTANCE_ID", "b");
    b.put("TALLY_COMMAND_PORT", Integer.toString(FreePorts.next()));
    String prefix = a.get("TALLY_TOPIC_PREFIX");

    CommandSide first = CommandSide.start(a);
    LoadGenerator.main(new String[] {"--poison", "14", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix",
        prefix, "--tenant-prefix", "acme"});
    CommandSide second = CommandSide.start(b);
    OrderFlows flows = new OrderFlows(second.api, "acme", second.writer("acme"));
    CommandSide[] stopped = {null};
    try {
      awaitSplit(first, second);
      CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
        try {
          flows.run(8, 20, "rebalance");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      while (flows.answers.size() < 100 && !load.isDone()) {
        Thread.sleep(10);
      }
      first.close();
      stopped[0] = first;
      load.get(5, TimeUnit.MINUTES);
      assertThat(owned(second.api.get("/health", null).json())).isEqualTo(3);
      String metrics = second.api.get("/metrics", null).raw().body();
      assertThat(skipped(metrics)).as("poison skipped while rebuilding").isGreaterThanOrEqualTo(14);
    } finally {
      second.close();
      if (stopped[0] == null) {
        first.close();
      }
    }

    assertThat(flows.answers).hasSize(8 * 20 * 3);
    assertThat(flows.answers.values()).allMatch(f -> f.status() == 201);
    Set<String> answered = new HashSet<>();
    flows.answers.values().forEach(f -> answered.addAll(f.eventIds()));
    Set<String> logged = new HashSet<>();
    int orderEvents = 0;
    for (ConsumerRecord<byte[], byte[]> r : LogReader.readAll(kafka, prefix + "orders.events")) {
      EventEnvelope e;
      try {
        e = EnvelopeCodec.fromBytes(r.value());
      } catch (RuntimeException poison) {
        continue;
      }
      if (e.aggregateId().startsWith("rebalance-")) {
        assertThat(logged.add(e.eventId())).as("duplicate " + e.eventId()).isTrue();
        orderEvents++;
      }
    }
    assertThat(orderEvents).isEqualTo(answered.size());
    assertThat(logged).isEqualTo(answered);
  }

  private static void awaitSplit(CommandSide first, CommandSide second) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      int one = owned(first.api.get("/health", null).json());
      int two = owned(second.api.get("/health", null).json());
      if (one > 0 && two > 0 && one + two == 3) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the two deciders never split the 3 partitions");
  }

  private static int owned(JsonObject health) {
    for (Object check : health.getJsonArray("checks")) {
      JsonObject c = (JsonObject) check;
      if (c.getString("id").equals("decider")) {
        JsonArray loops = c.getJsonObject("data").getJsonArray("loops");
        return loops.stream().mapToInt(l -> ((JsonObject) l).getInteger("ownedPartitions")).sum();
      }
    }
    return 0;
  }

  private static double skipped(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("tally_decider_rebuild_skipped_events_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

}
