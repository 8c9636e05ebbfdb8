package io.tally.lake.job;

import io.tally.lake.LakeTables;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The Kafka position a table reflects: the offsets in the summary of its newest snapshot that has them. Commits
 * that add no log data (compaction, deletes) carry the position forward too, but walking back through the
 * ancestors also covers a snapshot written by a tool that did not.
 */
final class CommittedOffsets {
  private CommittedOffsets() {}

  static Optional<KafkaOffsets> of(Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    for (Snapshot s : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      String json = s.summary().get(LakeTables.OFFSETS_PROPERTY);
      if (json != null) {
        return Optional.of(KafkaOffsets.fromJson(json));
      }
    }
    return Optional.empty();
  }

  /** The table's position, or nothing read yet for topic. */
  static KafkaOffsets orNone(Table table, String topic) {
    return of(table).orElseGet(() -> KafkaOffsets.none(topic));
  }
}
