package io.tally.lake;

import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The Kafka position a table reflects, as the text in its snapshot summary ({@link LakeTables#OFFSETS_PROPERTY}):
 * the newest snapshot that has it. Commits that add no log data (deletes, rewrites, a tenant erasure) carry it
 * forward, so the next compaction starts where the last one ended; walking back through the ancestors also covers
 * a snapshot written by a tool that did not. The job parses the text; writers that only carry it need not.
 */
public final class LakePosition {
  private LakePosition() {}

  /** The position's JSON, freshly read; empty for a table that has never recorded one. */
  public static Optional<String> of(Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    for (Snapshot s : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      String json = s.summary().get(LakeTables.OFFSETS_PROPERTY);
      if (json != null) {
        return Optional.of(json);
      }
    }
    return Optional.empty();
  }

  /** Summary properties for a commit that changes data without reading the log: the position it has now. */
  public static Map<String, String> carryForward(Table table) {
    return of(table).map(json -> Map.of(LakeTables.OFFSETS_PROPERTY, json)).orElse(Map.of());
  }
}
