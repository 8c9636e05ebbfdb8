package io.tally.projection.runtime;

/** What a projection is doing, as the admin API and the state gauge report it. */
public enum RuntimeState {
  /** Creating tables and loading the resume point. */
  STARTING,
  RUNNING,
  /** Stopped taking batches on an operator's request or for a replay's swap; reads keep being served. */
  PAUSED,
  /** The store (or the dead-letter topic) failed; the batch is retried with backoff, partitions paused. */
  RETRYING,
  /** Running, while a replay rebuilds shadow tables beside the live view. */
  REPLAYING,
  STOPPED;

  public String code() {
    return name().toLowerCase();
  }
}
