package io.tally.query.bench;

import io.tally.query.support.FullStack;
import io.tally.query.support.FullStackExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * From a command's 201 to its WebSocket delta, through the whole platform (command HTTP, decider, Kafka
 * transaction, projection pg-orders, NOTIFY, coalescing, read, push), at a fixed open-loop rate. Not part of the
 * test suite (the name does not end in Test): {@code mvn -pl query-side test -Dtest=LiveLatencyBenchmark
 * -Dbench.rate=1000 -Dbench.seconds=30}.
 */
@ExtendWith(FullStackExtension.class)
class LiveLatencyBenchmark {

  @Test
  void commandToDelta(FullStack stack) {
    int rate = Integer.getInteger("bench.rate", 1000);
    JsonObject figures = new LiveLatencyRun(stack.commands.base, stack.query.wsUrl("acme"), "acme",
        stack.writer("acme"), stack.token("acme", "viewer")).measure(rate, Integer.getInteger("bench.seconds", 30));
    LatencyHistogram.report("live-latency-" + rate, figures);
  }
}
