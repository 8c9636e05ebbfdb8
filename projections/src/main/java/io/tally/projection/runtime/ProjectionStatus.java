package io.tally.projection.runtime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A snapshot of one projection, published by its poll thread a few times a second; immutable. */
public record ProjectionStatus(
    String name, RuntimeState state, String topic, List<PartitionStatus> partitions, String lastError,
    int retryAttempts, long nextRetryInMs, boolean backpressure, BatchPolicy policy, long processed,
    long deadLettered, long batches, Instant updatedAt) {

  public static ProjectionStatus starting(String name, String topic, BatchPolicy policy) {
    return new ProjectionStatus(name, RuntimeState.STARTING, topic, List.of(), null, 0, 0, false, policy, 0, 0, 0,
        Instant.now());
  }

  public long lagEvents() {
    return partitions.stream().mapToLong(PartitionStatus::lagEvents).sum();
  }

  /**
   * Every owned partition's store position and log end are known and nothing lags. Lag alone reads 0 while a
   * (re)assigned partition still waits for its resume point or end offset, which is not caught up.
   */
  public boolean caughtUp() {
    return !partitions.isEmpty() && partitions.stream()
        .allMatch(p -> p.position() >= 0 && p.resumedFrom() >= 0 && p.endOffset() >= 0 && p.lagEvents() == 0);
  }

  public double lagSeconds() {
    return partitions.stream().mapToDouble(PartitionStatus::lagSeconds).max().orElse(0);
  }

  /** Next offset per partition the store needs: what the store has, as of this snapshot. */
  public Map<Integer, Long> positions() {
    Map<Integer, Long> positions = new TreeMap<>();
    partitions.forEach(p -> positions.put(p.partition(), p.position()));
    return positions;
  }

  public ProjectionStatus withState(RuntimeState newState) {
    return new ProjectionStatus(name, newState, topic, partitions, lastError, retryAttempts, nextRetryInMs,
        backpressure, policy, processed, deadLettered, batches, updatedAt);
  }

  public JsonObject toJson() {
    JsonArray parts = new JsonArray();
    partitions.forEach(p -> parts.add(p.toJson()));
    return new JsonObject()
        .put("name", name)
        .put("state", state.code())
        .put("topic", topic)
        .put("lagEvents", lagEvents())
        .put("lagSeconds", lagSeconds())
        .put("caughtUp", caughtUp())
        .put("processed", processed)
        .put("deadLettered", deadLettered)
        .put("batches", batches)
        .put("backpressure", backpressure)
        .put("retryAttempts", retryAttempts)
        .put("nextRetryInMs", nextRetryInMs)
        .put("lastError", lastError)
        .put("batch", new JsonObject().put("maxEvents", policy.maxEvents()).put("maxWaitMs", policy.maxWait().toMillis()))
        .put("partitions", parts)
        .put("updatedAt", updatedAt.toString());
  }
}
