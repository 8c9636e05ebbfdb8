package io.tally.query.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What an operator watches of the live feed: sockets, deltas, drops for slow clients, read time per delta. */
final class LiveMetrics {
  private final Counter deltas;
  private final Counter dropped;
  private final Counter slowClients;
  private final Counter snapshots;
  private final Timer deltaRead;

  LiveMetrics(MeterRegistry registry, Supplier<Number> sockets) {
    registry.gauge("tally_live_sockets", java.util.List.of(), sockets, s -> s.get().doubleValue());
    deltas = registry.counter("tally_live_deltas_total");
    dropped = registry.counter("tally_live_dropped_messages_total");
    slowClients = registry.counter("tally_live_slow_clients_total");
    snapshots = registry.counter("tally_live_snapshots_total");
    deltaRead = registry.timer("tally_live_delta_read");
  }

  void delta(long readNanos) {
    deltas.increment();
    deltaRead.record(readNanos, TimeUnit.NANOSECONDS);
  }

  void dropped() { dropped.increment(); }
  void slowClient() { slowClients.increment(); }
  void snapshot() { snapshots.increment(); }
}
