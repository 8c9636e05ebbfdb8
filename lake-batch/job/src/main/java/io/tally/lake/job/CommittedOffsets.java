package io.tally.lake.job;

import io.tally.lake.LakePosition;
import java.util.Optional;
import org.apache.iceberg.Table;

/** The Kafka position a table reflects (see {@link LakePosition}), parsed. */
final class CommittedOffsets {
  private CommittedOffsets() {}

  static Optional<KafkaOffsets> of(Table table) {
    return LakePosition.of(table).map(KafkaOffsets::fromJson);
  }

  /** The table's position, or nothing read yet for topic. */
  static KafkaOffsets orNone(Table table, String topic) {
    return of(table).orElseGet(() -> KafkaOffsets.none(topic));
  }
}
