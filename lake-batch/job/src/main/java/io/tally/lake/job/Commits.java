package io.tally.lake.job;

import io.tally.lake.LakePosition;
import io.tally.lake.LakeTables;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;

/**
 * Commits that carry the Kafka position: the statement's own commit records the offsets in its snapshot summary,
 * so the data and the position it reflects are one atomic step.
 */
final class Commits {
  private Commits() {}

  /** The summary of a commit that brings a table to position end. */
  static Map<String, String> at(KafkaOffsets end) {
    return Map.of(LakeTables.OFFSETS_PROPERTY, end.toJson());
  }

  /** The summary of a commit that adds the log's records in [start, end). */
  static Map<String, String> range(KafkaOffsets start, KafkaOffsets end) {
    return Map.of(LakeTables.OFFSETS_PROPERTY, end.toJson(), LakeTables.OFFSETS_FROM_PROPERTY, start.toJson());
  }

  /** Runs a Spark SQL write whose Iceberg commit gets these summary properties. */
  static <R> R withProperties(Map<String, String> summary, Callable<R> write) {
    return CommitMetadata.withCommitProperties(summary, write, RuntimeException.class);
  }

  /**
   * Makes sure the table's position is offsets. A write with nothing to add (a range of only rejected records,
   * or only duplicates) commits no snapshot, so the position moves with an empty commit instead; safe because
   * the lake lock keeps other writers out.
   */
  static void ensureRecorded(Table table, KafkaOffsets offsets) {
    Optional<KafkaOffsets> now = CommittedOffsets.of(table);
    if (now.isEmpty() || !now.get().equals(offsets)) {
      table.newAppend().set(LakeTables.OFFSETS_PROPERTY, offsets.toJson()).commit();
    }
  }

  /** True when the table holds no rows (never written, or only empty commits). */
  static boolean isEmpty(Table table) {
    return table.currentSnapshot() == null
        || Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-records", "0")) == 0;
  }

  /** The position the table has now, for commits that change data without reading the log (rewrites). */
  static Map<String, String> carryForward(Table table) {
    return LakePosition.carryForward(table);
  }
}
