package io.tally.projection.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What an operator or a replay asks of a running projection: stop taking batches (and learn the offsets the store
 * then has), take them again, or forget everything buffered and re-read from the store. State of the poll thread.
 */
final class LoopControls {
  private boolean paused;
  private boolean reloadRequested;
  private final List<CompletableFuture<Map<Integer, Long>>> drainWaiters = new ArrayList<>();

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

  void stopped() {
    drainWaiters.forEach(w -> w.completeExceptionally(new IllegalStateException("projection stopped")));
    drainWaiters.clear();
  }
}
