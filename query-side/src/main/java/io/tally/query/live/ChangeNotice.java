package io.tally.query.live;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One NOTIFY of the projection pg-orders, sent when its transaction commits: the tenant and the orders whose
 * row changed ({@code {"tenant":"acme","orderIds":["o-1"]}}), or {@code "rebuilt":true} when a replay swapped
 * the tenant's whole view in, after which only a fresh snapshot is right.
 */
record ChangeNotice(String tenant, List<String> orderIds, boolean rebuilt) {

  static Optional<ChangeNotice> parse(String payload) {
    try {
      JsonObject json = new JsonObject(payload);
      String tenant = json.getString("tenant");
      if (tenant == null) {
        return Optional.empty();
      }
      JsonArray ids = json.getJsonArray("orderIds", new JsonArray());
      List<String> orderIds = new ArrayList<>(ids.size());
      ids.forEach(id -> {
        if (id instanceof String s) {
          orderIds.add(s);
        }
      });
      return Optional.of(new ChangeNotice(tenant, orderIds, json.getBoolean("rebuilt", false)));
    } catch (DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }
}
