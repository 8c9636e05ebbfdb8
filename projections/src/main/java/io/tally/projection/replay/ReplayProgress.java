package io.tally.projection.replay;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A replay as the admin API shows it. {@code done}/{@code total} count log records (all tenants: a tenant replay
 * still reads the whole log), {@code applied} the events written to the shadow, rate in records per second over
 * the last seconds, ETA from both.
 */
public record ReplayProgress(String id, String projection, String scope, ReplayPhase phase, long done, long total,
                             long applied, long poisonSkipped, double ratePerSecond, Instant startedAt,
                             Instant finishedAt, String error) {

  public boolean active() {
    return phase.active();
  }

  public Long etaSeconds() {
    if (!active() || ratePerSecond <= 0) {
      return null;
    }
    return (long) Math.ceil(Math.max(0, total - done) / ratePerSecond);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("projection", projection)
        .put("scope", scope)
        .put("phase", phase.code())
        .put("done", done)
        .put("total", total)
        .put("percent", total == 0 ? (phase == ReplayPhase.DONE ? 100.0 : 0.0)
            : Math.min(100.0, Math.round(1000.0 * done / total) / 10.0))
        .put("applied", applied)
        .put("poisonSkipped", poisonSkipped)
        .put("ratePerSecond", Math.round(ratePerSecond))
        .put("etaSeconds", etaSeconds())
        .put("startedAt", startedAt.toString())
        .put("finishedAt", finishedAt == null ? null : finishedAt.toString())
        .put("error", error);
  }
}
