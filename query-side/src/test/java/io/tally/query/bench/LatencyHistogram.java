package io.tally.query.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Latencies in 0.1 ms steps up to 60 s (beyond counts as 60 s); thread-safe enough for one writer at a time. */
final class LatencyHistogram {
  private static final int STEPS_PER_MS = 10;
  private final long[] counts = new long[60_000 * STEPS_PER_MS + 1];
  private long total;
  private long negative;
  private long maxNanos;

  synchronized void record(long nanos) {
    if (nanos < 0) {
      negative++;
      nanos = 0;
    }
    maxNanos = Math.max(maxNanos, nanos);
    int step = (int) Math.min(counts.length - 1, nanos / (1_000_000 / STEPS_PER_MS));
    counts[step]++;
    total++;
  }

  synchronized double percentileMs(double p) {
    long rank = (long) Math.ceil(p / 100.0 * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank && rank > 0) {
        return (i + 1) / (double) STEPS_PER_MS;
      }
    }
    return Double.NaN;
  }

  synchronized long count() {
    return total;
  }

  synchronized JsonObject summary() {
    return new JsonObject().put("samples", total).put("p50Ms", percentileMs(50)).put("p90Ms", percentileMs(90))
        .put("p99Ms", percentileMs(99)).put("p999Ms", percentileMs(99.9)).put("maxMs", maxNanos / 1e6)
        .put("negative", negative);
  }

  /** Prints and keeps the figures under target/benchmarks/ for docs/benchmarks.md. */
  static void report(String name, JsonObject figures) {
    System.out.println("BENCH " + name + " " + figures.encode());
    try {
      Path dir = Path.of("target", "benchmarks");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".json"), figures.encodePrettily());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
