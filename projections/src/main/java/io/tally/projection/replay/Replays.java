package io.tally.projection.replay;

import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.projection.runtime.ReplayScope;
import io.tally.projection.runtime.RuntimeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * At most one replay per projection at a time; the last one's progress stays visible after it ends. A tenant
 * erasure runs alone: a replay copies live rows into its shadow and swaps whole tables, so rows erased meanwhile
 * could come back with the swap.
 */
public final class Replays {
  private final Map<String, ReplayJob> latest = new HashMap<>();
  private final Map<String, Thread> threads = new HashMap<>();
  private boolean erasing;

  /**
   * Starts a replay, or returns empty when one of that projection is still running or a tenant erasure is (the
   * API answers 409).
   */
  public synchronized Optional<ReplayProgress> start(ProjectionRuntime live, ReplayScope scope, RuntimeConfig config,
                                                     long maxRatePerSecond) {
    ReplayJob running = latest.get(live.name());
    if (erasing || (running != null && running.progress().active())) {
      return Optional.empty();
    }
    ReplayJob job = new ReplayJob(UUID.randomUUID().toString(), live, scope, config, maxRatePerSecond);
    Thread thread = new Thread(job, "replay-" + live.name());
    latest.put(live.name(), job);
    threads.put(live.name(), thread);
    thread.start();
    return Optional.of(job.progress());
  }

  /** False while any replay (or another erasure) runs; otherwise no replay starts until {@link #endErasure}. */
  public synchronized boolean beginErasure() {
    if (erasing || latest.values().stream().anyMatch(job -> job.progress().active())) {
      return false;
    }
    erasing = true;
    return true;
  }

  public synchronized void endErasure() {
    erasing = false;
  }

  public synchronized Optional<ReplayProgress> progress(String projection) {
    return Optional.ofNullable(latest.get(projection)).map(ReplayJob::progress);
  }

  /** Cancels running replays and waits for them to drop their shadow tables (on shutdown). */
  public void stopAll() throws InterruptedException {
    Map<String, Thread> running;
    synchronized (this) {
      latest.values().forEach(ReplayJob::cancel);
      running = new HashMap<>(threads);
    }
    for (Thread t : running.values()) {
      t.join(30_000);
    }
  }
}
