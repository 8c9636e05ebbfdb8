package io.tally.command.decider;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventIds;
import io.tally.order.EventEnvelopes;
import io.tally.order.OrderEvent;
import io.tally.order.OrderPlaced;
import io.tally.order.OrderShipped;
import io.tally.order.OrderStatus;
import io.tally.order.ShipOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StateRebuildTest {
  private final EventIds ids = EventIds.system();

  @Test
  void foldsEventsInSequenceAndSkipsPoisonAndDuplicates() {
    PartitionMemory memory = new PartitionMemory(0);
    byte[] placed = event(new OrderPlaced("c", new BigDecimal("10.00"), "EUR", List.of()), 1);
    byte[] shipped = event(new OrderShipped(Optional.empty(), Optional.empty()), 2);

    assertThat(StateRebuild.applyEvent(memory, placed)).isTrue();
    assertThat(StateRebuild.applyEvent(memory, "not json".getBytes())).isFalse();
    assertThat(StateRebuild.applyEvent(memory, placed)).as("a duplicate sequence").isFalse();
    assertThat(StateRebuild.applyEvent(memory, shipped)).isTrue();

    assertThat(memory.state("acme/o1").status()).isEqualTo(OrderStatus.SHIPPED);
    assertThat(memory.state("acme/o1").version()).isEqualTo(2);
  }

  private byte[] event(OrderEvent event, long sequence) {
    ShipOrder command = new ShipOrder("cmd-" + sequence, "acme", "o1", OptionalLong.empty(), Optional.empty(),
        Optional.empty());
    return EnvelopeCodec.toBytes(EventEnvelopes.of(command, List.of(event), sequence, ids, Clock.systemUTC())
        .get(0));
  }
}
