package io.tally.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses the one instant form the platform writes ({@link Instant#toString()}: {@code 2025-01-31T12:00:00Z},
 * with 0–9 fraction digits) without {@link java.time.format.DateTimeFormatter}, whose general parser was 9 % of
 * a projection's CPU (every event carries an instant). Anything else goes to {@link Instant#parse}, so what is
 * accepted and what is refused does not change.
 */
public final class UtcInstants {
  private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
      1_000_000_000};

  private UtcInstants() {}

  /** Like {@link Instant#parse}; throws its {@link java.time.format.DateTimeParseException} for bad input. */
  public static Instant parse(CharSequence text) {
    Instant fast = canonical(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** The instant of yyyy-MM-ddTHH:mm:ss[.f…]Z with valid fields, or null for any other text. */
  private static Instant canonical(CharSequence s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return null; // includes leap seconds (60): Instant.parse has its own rule for them
    }
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      int value = digits(s, 20, fraction);
      if (value < 0) {
        return null;
      }
      nanos = value * POW10[9 - fraction];
    }
    LocalDate date = LocalDate.of(year, month, 1);
    if (day > date.lengthOfMonth()) {
      return null;
    }
    long days = date.toEpochDay() + day - 1;
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The value of count ASCII digits at from, or -1 if any is not a digit. */
  private static int digits(CharSequence s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
