package io.tally.command.tenants;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One tenant of the platform, as the catalog holds it: who, how fast it may write, how long data is kept. */
public record Tenant(String id, String displayName, Quota quota, int retentionDays, Instant createdAt,
                     Instant updatedAt) {

  /** Commands per second sustained, and the burst a quiet tenant may spend at once. */
  public record Quota(int commandsPerSecond, int burst) {}

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("displayName", displayName)
        .put("quota", new JsonObject().put("commandsPerSecond", quota.commandsPerSecond()).put("burst", quota.burst()))
        .put("retentionDays", retentionDays)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }
}
