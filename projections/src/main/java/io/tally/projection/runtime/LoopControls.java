package io.tally.projection.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What an operator, a replay or a tenant erasure asks of a running projection: stop taking batches (and learn the
 * offsets the store then has), take them again, forget everything buffered and re-read from the store, or say
 * when the batch now in flight is done. State of the poll thread.
 */
final class LoopControls {
  private boolean paused;
  private boolean reloadRequested;
  private final List<CompletableFuture<Map<Integer, Long>>> drainWaiters = new ArrayList<>();
  private final List<Map.Entry<Object, CompletableFuture<Void>>> settleWaiters = new ArrayList<>();

  void pauseAndDrain(CompletableFuture<Map<Integer, Long>> drained) {
    paused = true;
    drainWaiters.add(drained);
  }

  void resume() {
    paused = false;
  }

  void requestReload() {
    reloadRequested = true;
  }

  boolean paused() {
    return paused;
  }

  /** True once, when a reload was asked for; the caller performs it. */
  boolean takeReload() {
    boolean asked = reloadRequested;
    reloadRequested = false;
    return asked;
  }

  /** Completes the drain requests once nothing is in flight and every partition has its position. */
  void drained(boolean idle, Map<Integer, Long> applied) {
    if (paused && idle && !drainWaiters.isEmpty()) {
      drainWaiters.forEach(w -> w.complete(applied));
      drainWaiters.clear();
    }
  }

  /** Completes done once the batch in flight now (if any) is no longer in flight: written, or failed. */
  void settle(Object inFlightNow, CompletableFuture<Void> done) {
    if (inFlightNow == null) {
      done.complete(null);
    } else {
      settleWaiters.add(Map.entry(inFlightNow, done));
    }
  }

  /** After collecting: completes the waiters whose batch is no longer the one in flight. */
  void settled(Object inFlightNow) {
    settleWaiters.removeIf(w -> {
      if (w.getKey() == inFlightNow) {
        return false;
      }
      w.getValue().complete(null);
      return true;
    });
  }

  void stopped() {
    drainWaiters.forEach(w -> w.completeExceptionally(new IllegalStateException("projection stopped")));
    drainWaiters.clear();
    settleWaiters.forEach(w -> w.getValue().completeExceptionally(new IllegalStateException("projection stopped")));
    settleWaiters.clear();
  }
}
