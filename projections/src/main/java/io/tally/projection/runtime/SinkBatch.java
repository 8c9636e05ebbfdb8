package io.tally.projection.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a sink applies in one go: the valid events of a stretch of the log and, per partition, the offset after
 * the last record of that stretch. The offsets also cover records that are not in {@code events} (poison already
 * dead-lettered, other tenants' events in a tenant replay), so the resume point moves past them.
 */
public record SinkBatch(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {

  public SinkBatch {
    events = List.copyOf(events);
    nextOffsets = Map.copyOf(nextOffsets);
  }

  public boolean isEmpty() {
    return events.isEmpty() && nextOffsets.isEmpty();
  }
}
