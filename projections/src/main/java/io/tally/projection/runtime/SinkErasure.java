package io.tally.projection.runtime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one sink erased of a tenant: per table the rows it deleted (counted just before deleting; zero when a
 * repeated erasure found nothing), and the store's asynchronous operations it waited for (ClickHouse mutations).
 */
public record SinkErasure(String projection, String store, Map<String, Long> rows, List<String> mutations) {

  public SinkErasure {
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows)); // in the sink's table order
    mutations = List.copyOf(mutations);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("projection", projection)
        .put("tables", new JsonObject(new LinkedHashMap<String, Object>(rows)))
        .put("mutations", new JsonArray(List.<Object>copyOf(mutations)));
  }
}
