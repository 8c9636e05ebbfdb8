package io.tally.command.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.order.OrderEventReader;
import io.tally.order.ReadOutcome;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kind the poison mode writes is recognised as poison by the consumers' shared reader. */
class PoisonWriterTest {

  @Test
  void everyKindIsPoisonAndTheKindsCoverEveryReason() {
    Set<ReadOutcome.Reason> reasons = new HashSet<>();
    for (int kind = 0; kind < PoisonWriter.KINDS.size(); kind++) {
      ReadOutcome read = OrderEventReader.read(PoisonWriter.KINDS.get(kind).apply(kind));
      assertThat(read).as("kind " + kind).isInstanceOf(ReadOutcome.Poison.class);
      reasons.add(((ReadOutcome.Poison) read).reason());
    }
    assertThat(reasons).containsExactlyInAnyOrder(ReadOutcome.Reason.values());
  }
}
