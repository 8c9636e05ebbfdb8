package io.tally.projection.replay;

import java.util.ArrayDeque;

/** Records per second over the last few seconds: an ETA that follows the current pace, not the average. */
final class RateWindow {
  private record Sample(long nanos, long done) {}

  private static final long WINDOW_NANOS = 10_000_000_000L;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  void record(long nowNanos, long done) {
    samples.addLast(new Sample(nowNanos, done));
    while (samples.size() > 2 && nowNanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
      samples.pollFirst();
    }
  }

  double perSecond() {
    if (samples.size() < 2) {
      return 0;
    }
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    long nanos = last.nanos() - first.nanos();
    return nanos <= 0 ? 0 : (last.done() - first.done()) * 1e9 / nanos;
  }
}
