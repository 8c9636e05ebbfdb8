package io.tally.lake.read;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** Which state of the lake to read: the latest, the one current at an instant, or one snapshot by id. */
public sealed interface AsOf {

  record Latest() implements AsOf {}

  record At(Instant instant) implements AsOf {
    public At {
      Objects.requireNonNull(instant, "instant");
    }
  }

  record Snapshot(long id) implements AsOf {}

  static AsOf latest() {
    return new Latest();
  }

  /**
   * The {@code asOf} query parameter: absent or blank for the latest, an ISO-8601 instant
   * ({@code 2026-11-21T12:00:00Z}) for time travel by time, or a snapshot id (digits) for one exact snapshot.
   *
   * @throws IllegalArgumentException saying what is accepted, for anything else
   */
  static AsOf parse(String text) {
    if (text == null || text.isBlank()) {
      return latest();
    }
    String t = text.strip();
    if (t.chars().allMatch(Character::isDigit)) {
      try {
        return new Snapshot(Long.parseLong(t));
      } catch (NumberFormatException e) {
        throw invalid(t);
      }
    }
    try {
      return new At(Instant.parse(t));
    } catch (DateTimeParseException e) {
      throw invalid(t);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("asOf must be an ISO-8601 instant like 2026-11-21T12:00:00Z or a snapshot"
        + " id, got '" + text + "'");
  }
}
