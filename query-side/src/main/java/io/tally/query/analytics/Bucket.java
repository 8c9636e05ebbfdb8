package io.tally.query.analytics;

import io.tally.query.http.InvalidParam;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The width of a revenue bucket, each served by the rollup of that width. */
public enum Bucket {
  HOUR(Duration.ofHours(1), Duration.ofHours(24), 2_000),
  DAY(Duration.ofDays(1), Duration.ofDays(30), 3_660);

  private final Duration width;
  private final Duration defaultSpan;
  private final int maxBuckets;

  Bucket(Duration width, Duration defaultSpan, int maxBuckets) {
    this.width = width;
    this.defaultSpan = defaultSpan;
    this.maxBuckets = maxBuckets;
  }

  public static Bucket parse(String value) {
    return switch (value.toLowerCase()) {
      case "hour" -> HOUR;
      case "day" -> DAY;
      default -> throw new InvalidParam("bucket", "bucket must be hour or day, got '" + value + "'");
    };
  }

  public Duration width() { return width; }
  public Duration defaultSpan() { return defaultSpan; }
  public int maxBuckets() { return maxBuckets; }

  /** The start of the bucket holding the instant (UTC). */
  public Instant floor(Instant at) {
    return at.truncatedTo(this == HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS);
  }

  /** The start of the first bucket at or after the instant. */
  public Instant ceil(Instant at) {
    Instant floor = floor(at);
    return floor.equals(at) ? at : floor.plus(width);
  }

  public String code() {
    return name().toLowerCase();
  }
}
