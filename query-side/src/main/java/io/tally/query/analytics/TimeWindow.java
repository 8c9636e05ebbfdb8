package io.tally.query.analytics;

import io.tally.query.http.InvalidParam;
import io.tally.query.http.Params;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The [from, to) of a revenue series, aligned to whole buckets: from rounds down and to rounds up, so every
 * bucket shown is complete. Without from/to the series ends with the current bucket.
 */
public record TimeWindow(Bucket bucket, Instant from, Instant to) {

  public static TimeWindow from(RoutingContext ctx, Clock clock) {
    Bucket bucket = Params.text(ctx, "bucket").map(Bucket::parse).orElse(Bucket.HOUR);
    Optional<Instant> from = Params.instant(ctx, "from");
    Optional<Instant> to = Params.instant(ctx, "to");
    Params.ordered(from, to);
    Instant end = bucket.ceil(to.orElseGet(() -> bucket.floor(clock.instant()).plus(bucket.width())));
    Instant start = bucket.floor(from.orElse(end.minus(bucket.defaultSpan())));
    if (!start.isBefore(end)) {
      throw new InvalidParam("to", "to must be after from");
    }
    TimeWindow window = new TimeWindow(bucket, start, end);
    if (window.buckets() > bucket.maxBuckets()) {
      throw new InvalidParam("from", "at most " + bucket.maxBuckets() + " " + bucket.code()
          + " buckets per request; narrow from/to or use a wider bucket");
    }
    return window;
  }

  public static TimeWindow lastDay(Clock clock) {
    Instant end = Bucket.HOUR.floor(clock.instant()).plus(Bucket.HOUR.width());
    return new TimeWindow(Bucket.HOUR, end.minus(Bucket.HOUR.defaultSpan()), end);
  }

  public long buckets() {
    return (to.getEpochSecond() - from.getEpochSecond()) / bucket.width().getSeconds();
  }
}
