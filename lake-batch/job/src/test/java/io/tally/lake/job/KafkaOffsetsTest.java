package io.tally.lake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KafkaOffsetsTest {
  private static KafkaOffsets offsets(Map<Integer, Long> next) {
    return new KafkaOffsets("orders.events", new TreeMap<>(next));
  }

  @Test
  void roundTripsThroughSparksOffsetsJson() {
    KafkaOffsets o = offsets(Map.of(0, 42L, 1, 17L, 10, 3L));
    assertThat(o.toJson()).isEqualTo("{\"orders.events\":{\"0\":42,\"1\":17,\"10\":3}}");
    assertThat(KafkaOffsets.fromJson(o.toJson())).isEqualTo(o);
    assertThatThrownBy(() -> KafkaOffsets.fromJson("{\"a\":{},\"b\":{}}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KafkaOffsets.fromJson("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startsAfterTheLakesPositionClampedToWhatTheLogStillHas() {
    LogPositions log = new LogPositions(offsets(Map.of(0, 5L, 1, 0L, 2, 0L)), offsets(Map.of(0, 50L, 1, 30L, 2, 9L)));
    KafkaOffsets lake = offsets(Map.of(0, 2L, 1, 30L));
    assertThat(log.startAfter(lake)).as("p0 clamped to the beginning, p1 done, p2 never seen")
        .isEqualTo(offsets(Map.of(0, 5L, 1, 30L, 2, 0L)));
    assertThat(log.lostToRetention(lake)).isEqualTo(3);
    assertThat(log.startAfter(lake).countUntil(log.end())).isEqualTo(45 + 0 + 9);
    assertThatThrownBy(() -> log.startAfter(offsets(Map.of(2, 10L))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("created again");
  }

  @Test
  void aDerivedTableReadsOnlyTheRowsBetweenItsPositionAndTheEventsTables() {
    KafkaOffsets to = offsets(Map.of(0, 10L, 1, 4L, 2, 7L));
    assertThat(OffsetRange.predicate(Optional.empty(), to)).isEqualTo("TRUE");
    assertThat(OffsetRange.predicate(Optional.of(to), to)).isEqualTo("FALSE");
    assertThat(OffsetRange.predicate(Optional.of(offsets(Map.of(0, 8L, 1, 4L))), to)).isEqualTo(
        "(kafka_partition = 0 AND kafka_offset >= 8 AND kafka_offset < 10)"
            + " OR (kafka_partition = 2 AND kafka_offset >= 0 AND kafka_offset < 7)");
  }
}
