package io.tally.command.load;

/**
 * Latencies in microseconds, log-linear buckets (64 per power of two, so at most 1.6% error) from 1 us to over an
 * hour: what HdrHistogram does, in a few lines, so the load generator needs no extra dependency.
 */
final class LatencyHistogram {
  private static final int SUB = 64;
  private final long[] counts = new long[SUB * 40];
  private long total;
  private long max;

  synchronized void record(long micros) {
    long v = Math.max(1, micros);
    counts[index(v)]++;
    total++;
    max = Math.max(max, v);
  }

  synchronized long count() {
    return total;
  }

  synchronized long maxMicros() {
    return max;
  }

  /** The value at quantile q (0..1), as the upper edge of its bucket. */
  synchronized long percentile(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= Math.max(1, rank)) {
        return Math.min(upper(i), max);
      }
    }
    return max;
  }

  synchronized void reset() {
    java.util.Arrays.fill(counts, 0);
    total = 0;
    max = 0;
  }

  /** Exact below 128; above, 64 buckets per power of two (v >> shift lies in [64, 128)). */
  static int index(long v) {
    if (v < 2 * SUB) {
      return (int) v;
    }
    int shift = 63 - Long.numberOfLeadingZeros(v) - 6;
    return 2 * SUB + (shift - 1) * SUB + (int) ((v >> shift) - SUB);
  }

  static long upper(int index) {
    if (index < 2 * SUB) {
      return index;
    }
    int k = index - 2 * SUB;
    int shift = k / SUB + 1;
    long mantissa = k % SUB + SUB;
    return ((mantissa + 1) << shift) - 1;
  }
}
