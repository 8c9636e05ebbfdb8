package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

  @Test
  void keyIsTenantSlashOrderId() {
    assertThat(RecordKeys.of("acme", "o-1")).isEqualTo("acme/o-1");
    assertThat(RecordKeys.bytes("acme", "o-1")).isEqualTo("acme/o-1".getBytes(StandardCharsets.UTF_8));
    assertThat(RecordKeys.tenantOf("acme/o-1")).isEqualTo("acme");
  }

  @Test
  void partsThatWouldMakeKeysAmbiguousAreRefusedNamingThePart() {
    assertThatThrownBy(() -> RecordKeys.of("acme", "o/1")).hasMessageStartingWith("orderId:");
    assertThatThrownBy(() -> RecordKeys.of("ac/me", "o-1")).hasMessageStartingWith("tenant:");
  }

  @Test
  void keysWithoutTenantAreRefused() {
    assertThatThrownBy(() -> RecordKeys.tenantOf("/o-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordKeys.tenantOf("o-1")).isInstanceOf(IllegalArgumentException.class);
  }
}
