package io.tally.projection.runtime;

import io.vertx.core.json.JsonObject;

/**
 * One partition as the admin API shows it: the store's position (next offset it needs), the log end, and how far
 * behind that is in events and in seconds (age of the oldest record the store does not have yet).
 */
public record PartitionStatus(int partition, long position, long resumedFrom, long endOffset, long lagEvents,
                              double lagSeconds, boolean paused) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("partition", partition)
        .put("position", position)
        .put("resumedFrom", resumedFrom)
        .put("endOffset", endOffset)
        .put("lagEvents", lagEvents)
        .put("lagSeconds", lagSeconds)
        .put("paused", paused);
  }
}
