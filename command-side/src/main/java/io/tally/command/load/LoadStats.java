package io.tally.command.load;

import io.vertx.core.json.JsonObject;

/**
 * What a load run counts: answers by kind, latencies for the last second (the live line) and for the measured
 * period (the summary). Only touched on the generator's event loop.
 */
final class LoadStats {
  long sent;
  long accepted;
  long refused;
  long pending;
  long invalid;
  long throttled;
  long errors;
  final LatencyHistogram window = new LatencyHistogram();
  final LatencyHistogram measured = new LatencyHistogram();
  private long windowAnswers;
  /** Every answer of the run, warm-up included: what CPU accounting divides by. */
  private long allAnswers;
  private long measuredSince = System.nanoTime();

  void answered(int status, long micros, boolean measuring) {
    switch (status) {
      case 201 -> accepted++;
      case 409 -> refused++;
      case 202 -> pending++;
      case 429 -> throttled++;
      default -> {
        if (status >= 400 && status < 500) {
          invalid++;
        } else {
          errors++;
        }
      }
    }
    window.record(micros);
    windowAnswers++;
    allAnswers++;
    if (measuring) {
      measured.record(micros);
    }
  }

  /** Starts the measured period: what came before was warm-up. */
  void startMeasuring() {
    sent = accepted = refused = pending = invalid = throttled = errors = 0;
    measured.reset();
    measuredSince = System.nanoTime();
  }

  String progressLine(long elapsedSeconds, boolean warming) {
    String line = String.format("%4ds %s sent %,d  accepted %,d  refused %,d  pending %,d  throttled %,d  errors %,d"
            + "  | %,d/s  p50 %s  p99 %s", elapsedSeconds, warming ? "(warm-up)" : "", sent, accepted, refused,
        pending, throttled, errors + invalid, windowAnswers, ms(window.percentile(0.5)),
        ms(window.percentile(0.99)));
    window.reset();
    windowAnswers = 0;
    return line;
  }

  JsonObject summary(LoadOptions o) {
    double seconds = (System.nanoTime() - measuredSince) / 1e9;
    long answers = measured.count();
    return new JsonObject()
        .put("targetRate", o.rate()).put("tenants", o.tenants()).put("connections", o.connections())
        .put("seconds", Math.round(seconds * 10) / 10.0)
        .put("sent", sent).put("answered", answers).put("answeredWithWarmup", allAnswers)
        .put("accepted", accepted).put("refused", refused).put("pending", pending)
        .put("throttled", throttled).put("invalid", invalid).put("errors", errors)
        .put("achievedPerSecond", Math.round(answers / seconds))
        .put("p50Ms", ms2(measured.percentile(0.5))).put("p90Ms", ms2(measured.percentile(0.9)))
        .put("p99Ms", ms2(measured.percentile(0.99))).put("p999Ms", ms2(measured.percentile(0.999)))
        .put("maxMs", ms2(measured.maxMicros()));
  }

  private static String ms(long micros) {
    return String.format("%.1f ms", micros / 1000.0);
  }

  private static double ms2(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
