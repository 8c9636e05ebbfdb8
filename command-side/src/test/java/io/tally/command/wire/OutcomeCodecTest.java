package io.tally.command.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeCodecTest {

  @Test
  void outcomesSurviveTheRoundTrip() {
    Outcome accepted = Outcome.accepted("c1", "acme", "o1", "PlaceOrder", 1,
        List.of(new AppendedEvent("0190f5e1-0000-7000-8000-000000000001", "OrderPlaced", 1, 3, 77)),
        Instant.parse("2025-03-01T10:00:00.123Z"), "00ff");
    Outcome rejected = Outcome.rejected("c2", "acme", "o1", "PayOrder", "pay.amount-mismatch", "no", 1,
        Instant.parse("2025-03-01T10:00:00Z"), "0a0b").asRepeat("ffff");
    assertThat(OutcomeCodec.fromBytes(OutcomeCodec.toBytes(accepted))).isEqualTo(accepted);
    assertThat(OutcomeCodec.fromBytes(OutcomeCodec.toBytes(rejected))).isEqualTo(rejected);
    assertThat(rejected.repeat()).isTrue();
    assertThat(rejected.reusedId()).isTrue();
  }

  @Test
  void commandHashesAreStableAndTenantScoped() {
    assertThat(Hashes.command("acme", "c1")).isEqualTo(Hashes.command("acme", "c1"));
    assertThat(Hashes.command("acme", "c1")).isNotEqualTo(Hashes.command("globex", "c1"));
    assertThat(Hashes.hex("x".getBytes())).hasSize(16);
  }
}
