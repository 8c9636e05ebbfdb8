package io.tally.projection.ch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.order.OrderEventPayloads;
import io.tally.order.OrderPlaced;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.testkit.OrderFlows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch across a month boundary is written as several blocks, each atomic, in (partition, offset) order. */
class ChBlocksTest {
  private final OrderFlows flows = new OrderFlows(5);

  @Test
  void oneMonthIsOneBlockAndAMonthBoundaryCutsInOffsetOrder() {
    ProjectedEvent jan1 = at("2025-01-31T23:59:59Z", 0, 10);
    ProjectedEvent feb1 = at("2025-02-01T00:00:01Z", 0, 11);
    ProjectedEvent jan2 = at("2025-01-31T23:00:00Z", 1, 3);
    ProjectedEvent jan3 = at("2025-01-15T00:00:00Z", 0, 12);

    assertThat(ChAnalyticsSink.blocks(List.of(jan1, jan2))).hasSize(1);
    List<List<ProjectedEvent>> blocks = ChAnalyticsSink.blocks(List.of(jan3, feb1, jan2, jan1));
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0)).containsExactly(jan1);
    assertThat(blocks.get(1)).containsExactly(feb1);
    assertThat(blocks.get(2)).containsExactly(jan3, jan2);
  }

  private ProjectedEvent at(String instant, int partition, long offset) {
    EventEnvelope e = flows.envelopes("acme", "o-" + offset, List.of(new OrderPlaced("c", BigDecimal.ONE, "EUR",
        List.of())), Instant.parse(instant)).get(0);
    return new ProjectedEvent(e, OrderEventPayloads.fromPayload(e.type(), e.payload()), partition, offset);
  }
}
