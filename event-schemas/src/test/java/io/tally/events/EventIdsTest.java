package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    long millis;

    ManualClock(long millis) {
      this.millis = millis;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  @Test
  void idsAreCanonicalUuidV7WithTheClocksMillisecond() {
    Instant now = Instant.parse("2025-03-01T10:15:30.123Z");
    String id = new EventIds(Clock.fixed(now, ZoneOffset.UTC), new Random(1)).next();

    assertThat(EventIds.isV7(id)).isTrue();
    UUID uuid = UUID.fromString(id);
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(EventIds.timestampOf(id)).isEqualTo(now);
  }

  @Test
  void toUuidReadsEveryIdAsTheJdkDoes() {
    Random random = new Random(3);
    EventIds ids = new EventIds(new ManualClock(1_700_000_000_000L), random);
    for (int i = 0; i < 20_000; i++) {
      String id = ids.next();
      assertThat(EventIds.toUuid(id)).isEqualTo(UUID.fromString(id));
    }
    for (int i = 0; i < 2_000; i++) { // any other UUID text goes to the JDK's parser
      String other = new UUID(random.nextLong(), random.nextLong()).toString();
      assertThat(EventIds.toUuid(other)).isEqualTo(UUID.fromString(other));
      assertThat(EventIds.toUuid(other.toUpperCase())).isEqualTo(UUID.fromString(other));
    }
  }

  @Test
  void idsWithinOneMillisecondStillIncreaseStrictly() {
    EventIds ids = new EventIds(Clock.fixed(Instant.EPOCH.plusSeconds(1_700_000_000), ZoneOffset.UTC),
        new Random(7));
    List<String> generated = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      generated.add(ids.next());
    }

    assertThat(generated).doesNotHaveDuplicates().isSorted();
    assertThat(generated).allMatch(EventIds::isV7);
  }

  @Test
  void idsFollowTheClockAcrossMillisecondsAndSurviveItSteppingBack() {
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    EventIds ids = new EventIds(clock, new Random(3));
    String first = ids.next();
    clock.millis += 5;
    String later = ids.next();
    clock.millis -= 1_000; // NTP correction
    String afterStepBack = ids.next();

    assertThat(later).isGreaterThan(first);
    assertThat(EventIds.timestampOf(later)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_005L));
    assertThat(afterStepBack).isGreaterThan(later);
    assertThat(EventIds.timestampOf(afterStepBack)).isEqualTo(EventIds.timestampOf(later));
  }

  @Test
  void theSameClockAndSeedGiveTheSameIds() {
    Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    assertThat(new EventIds(clock, new Random(42)).next()).isEqualTo(new EventIds(clock, new Random(42)).next());
    assertThat(new EventIds(clock, new Random(42)).next()).isNotEqualTo(new EventIds(clock, new Random(43)).next());
  }

  @Test
  void otherUuidVersionsAreNotV7() {
    String v4 = UUID.randomUUID().toString();

    assertThat(EventIds.isV7(v4)).isFalse();
    assertThat(EventIds.isV7(v4.toUpperCase())).isFalse();
    assertThatThrownBy(() -> EventIds.timestampOf(v4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everySingleCharacterChangeIsJudgedAsTheCanonicalPatternJudgesIt() {
    java.util.regex.Pattern canonical =
        java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    EventIds ids = new EventIds(Clock.fixed(Instant.EPOCH.plusSeconds(1_700_000_000), ZoneOffset.UTC),
        new Random(5));
    String alphabet = "0123456789abcdefABCDEF-7_gz ";
    int checked = 0;
    for (int n = 0; n < 20; n++) {
      String id = ids.next();
      for (int i = 0; i < id.length(); i++) {
        for (char c : alphabet.toCharArray()) {
          String changed = id.substring(0, i) + c + id.substring(i + 1);
          assertThat(EventIds.isV7(changed)).as(changed).isEqualTo(canonical.matcher(changed).matches());
          checked++;
        }
      }
      assertThat(EventIds.isV7(id + "0")).isFalse();
      assertThat(EventIds.isV7(id.substring(1))).isFalse();
    }
    assertThat(checked).isEqualTo(20 * 36 * 28);
    assertThat(EventIds.isV7(null)).isFalse();
  }
}
