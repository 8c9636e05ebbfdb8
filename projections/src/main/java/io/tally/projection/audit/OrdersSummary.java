package io.tally.projection.audit;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** The current-state view of one tenant in aggregate: how many orders, the sum of their versions, per status. */
public record OrdersSummary(long orders, long versionSum, Map<String, Long> byStatus) {

  public static OrdersSummary of(Map<String, OrderFold> folds) {
    long versions = 0;
    Map<String, Long> statuses = new TreeMap<>();
    for (OrderFold f : folds.values()) {
      versions += f.version();
      statuses.merge(f.status(), 1L, Long::sum);
    }
    return new OrdersSummary(folds.size(), versions, statuses);
  }

  public JsonObject toJson() {
    JsonObject statuses = new JsonObject();
    byStatus.forEach(statuses::put);
    return new JsonObject().put("orders", orders).put("versionSum", versionSum).put("byStatus", statuses);
  }
}
