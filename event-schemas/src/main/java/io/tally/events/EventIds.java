package io.tally.events;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562) event ids: 48-bit Unix milliseconds, then random bits. Ids from one generator are strictly
 * increasing as strings, so the lake and the column store get time-clustered keys and a replay can tell order
 * from id alone.
 */
public final class EventIds {

  private static final long RAND_A_MAX = 0xFFFL;
  private static final long RAND_B_MAX = (1L << 62) - 1;

  private final Clock clock;
  private final Random random;
  private long lastMillis = -1;
  private long randA;
  private long randB;

  public EventIds(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  public static EventIds system() {
    return new EventIds(Clock.systemUTC(), new SecureRandom());
  }

  /** The next id as the canonical lowercase string. */
  public synchronized String next() {
    long now = clock.millis();
    if (now > lastMillis) {
      lastMillis = now;
      randA = random.nextInt((int) RAND_A_MAX + 1);
      randB = random.nextLong() & RAND_B_MAX;
    } else {
      // Same millisecond, or the clock stepped back (NTP): keep the last timestamp and count up (RFC 9562
      // "monotonic random"), so ids never go backwards. They become guessable within a millisecond, which is
      // fine: event ids are not secrets.
      countUp();
    }
    long msb = (lastMillis << 16) | (0x7L << 12) | randA;
    long lsb = Long.MIN_VALUE | randB; // variant bits 10
    return new UUID(msb, lsb).toString();
  }

  private void countUp() {
    if (randB < RAND_B_MAX) {
      randB++;
      return;
    }
    randB = 0;
    if (randA < RAND_A_MAX) {
      randA++;
      return;
    }
    randA = 0;
    lastMillis++;
  }

  /** xxxxxxxx-xxxx-7xxx-[89ab]xxx-xxxxxxxxxxxx in lowercase hex; by hand, since every event read checks one. */
  public static boolean isV7(String id) {
    if (id == null || id.length() != 36 || id.charAt(14) != '7') {
      return false;
    }
    char variant = id.charAt(19);
    if (variant != '8' && variant != '9' && variant != 'a' && variant != 'b') {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The id as a UUID: canonical v7 ids (all that the event reader accepts) by hand, anything else by the JDK's
   * parser, which was a tenth of the projections' row encoding.
   */
  public static UUID toUuid(String id) {
    if (!isV7(id)) {
      return UUID.fromString(id);
    }
    return new UUID(hex(id, 0, 8) << 32 | hex(id, 9, 13) << 16 | hex(id, 14, 18),
        hex(id, 19, 23) << 48 | hex(id, 24, 36));
  }

  /** Lower-case hex digits of id[from, to) as a number. */
  private static long hex(String id, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = id.charAt(i);
      value = value << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return value;
  }

  /** The creation instant (millisecond precision) encoded in a UUIDv7. */
  public static Instant timestampOf(String id) {
    if (!isV7(id)) {
      throw new IllegalArgumentException("not a UUIDv7: " + id);
    }
    return Instant.ofEpochMilli(UUID.fromString(id).getMostSignificantBits() >>> 16);
  }
}
