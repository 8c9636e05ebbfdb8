package io.tally.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreferTest {

  @Test
  void respondAsyncMeansNoWait() {
    Prefer p = Prefer.parse("respond-async, wait=10", 5000, 30000);
    assertThat(p.respondAsync()).isTrue();
    assertThat(p.waitMillis()).isZero();
    assertThat(p.applied()).isEqualTo("respond-async");
  }

  @Test
  void waitIsHonouredUpToTheMaximum() {
    assertThat(Prefer.parse("wait=2", 5000, 30000).waitMillis()).isEqualTo(2000);
    assertThat(Prefer.parse("wait=600", 5000, 30000).waitMillis()).isEqualTo(30000);
    assertThat(Prefer.parse(null, 5000, 30000).waitMillis()).isEqualTo(5000);
    assertThat(Prefer.parse("wait=soon, handling=strict", 5000, 30000).waitMillis()).isEqualTo(5000);
  }
}
