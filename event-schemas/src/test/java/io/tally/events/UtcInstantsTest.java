package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcInstantsTest {

  @Test
  void readsWhatInstantWritesExactlyAsInstantParseDoes() {
    SplittableRandom random = new SplittableRandom(7);
    long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      int[] nanoShapes = {0, random.nextInt(1000) * 1_000_000, random.nextInt(1_000_000) * 1000,
          random.nextInt(1_000_000_000)};
      Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), nanoShapes[i % 4]);
      String text = instant.toString();
      assertThat(UtcInstants.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(instant);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-29T00:00:00Z", "2000-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
      "1969-12-31T23:59:59.5Z", "2025-01-31T12:00:00.1Z", "2025-12-31T23:59:59.12345Z", "0000-01-01T00:00:00Z",
      // Not the canonical form: these take Instant.parse's own path and must still agree with it.
      "2025-01-31T12:00:00+01:00", "2016-12-31T23:59:60Z", "+12025-01-31T12:00:00Z", "2025-01-31T12:00:00z",
      "2025-01-31T24:00:00Z", "2025-01-31T12:00:00.Z"})
  void agreesWithInstantParseOnEdgesAndOtherForms(String text) {
    assertThat(UtcInstants.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z",
      "2025-00-10T00:00:00Z", "2025-01-00T00:00:00Z", "2025-01-31T25:00:00Z", "2025-01-31T12:60:00Z",
      "2025-01-31T12:00:61Z", "2025-01-31 12:00:00Z", "2025-01-31T12:00:00", "2025-01-31T12:00:00.1234567890Z",
      "2025-1-31T12:00:00Z", "20x5-01-31T12:00:00Z",
      "2025-01-31T12:00:0aZ", "2025-01-31T12:00:00.12a4Z", "", "not a time"})
  void refusesWhatInstantParseRefuses(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> UtcInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
