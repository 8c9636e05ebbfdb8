package io.tally.query.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The messages of /live, each UTF-8 JSON with a {@code type}. They go out as binary frames: one encoded buffer is
 * shared by every socket of a tenant, where text frames would encode the same string once per socket.
 */
final class LiveMessages {
  private LiveMessages() {}

  static Buffer snapshot(String tenant, JsonArray orders, JsonObject stats, JsonObject revenue) {
    return encode(new JsonObject().put("type", "snapshot").put("tenant", tenant).put("at", now())
        .put("orders", orders).put("stats", stats).put("revenue", revenue));
  }

  static Buffer orders(String tenant, JsonArray orders) {
    return encode(new JsonObject().put("type", "orders").put("tenant", tenant).put("at", now()).put("orders", orders));
  }

  static Buffer stats(String tenant, JsonObject stats, JsonObject revenue) {
    return encode(new JsonObject().put("type", "stats").put("tenant", tenant).put("at", now()).put("stats", stats)
        .put("revenue", revenue));
  }

  static Buffer heartbeat(long intervalMs) {
    return encode(new JsonObject().put("type", "heartbeat").put("at", now()).put("intervalMs", intervalMs));
  }

  /** Sent when deltas were dropped for a slow socket, just before the fresh snapshot that replaces them. */
  static Buffer resync(String reason, long dropped) {
    return encode(new JsonObject().put("type", "resync").put("reason", reason).put("dropped", dropped)
        .put("at", now()));
  }

  private static Buffer encode(JsonObject message) {
    return message.toBuffer();
  }

  private static String now() {
    return Instant.now().toString();
  }
}
