package io.tally.command.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreWithinTwoPercent() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v = 1; v <= 100_000; v++) {
      h.record(v);
    }
    assertThat((double) h.percentile(0.5)).isCloseTo(50_000, within(1_000.0));
    assertThat((double) h.percentile(0.99)).isCloseTo(99_000, within(2_000.0));
    assertThat(h.percentile(1.0)).isEqualTo(100_000);
    assertThat(h.count()).isEqualTo(100_000);
  }

  @Test
  void bucketsCoverTheirValues() {
    for (long v : new long[] {1, 63, 127, 128, 129, 1000, 123_456, 3_600_000_000L}) {
      int i = LatencyHistogram.index(v);
      assertThat(LatencyHistogram.upper(i)).isGreaterThanOrEqualTo(v);
      assertThat((double) LatencyHistogram.upper(i)).isLessThanOrEqualTo(v * 1.02 + 1);
    }
  }
}
