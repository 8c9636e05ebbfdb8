package io.tally.projection.erasure;

import io.tally.projection.runtime.SinkErasure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The answer of one erasure: {@code {tenant, postgres: {table: rows}, clickhouse: {tables: {table: rows},
 * mutations: [...]}, lake: {status, tables, filesDeleted, ...}, catalogRemoved, tookMs}}. Rows are what each
 * table held of the tenant just before; a repeated erasure reports zeros, no mutations, catalogRemoved false.
 */
final class ErasureReport {
  private final String tenant;
  private final JsonObject postgres = new JsonObject();
  private final JsonObject stores = new JsonObject();
  private boolean catalogRemoved;
  private JsonObject lake = new JsonObject();

  ErasureReport(String tenant) {
    this.tenant = tenant;
  }

  /** Postgres tables are listed together (one transaction); every other store with its own operations. */
  void add(SinkErasure erasure) {
    if (erasure.store().equals("postgres")) {
      erasure.rows().forEach(postgres::put);
      return;
    }
    JsonObject store = stores.getJsonObject(erasure.store());
    if (store == null) {
      store = new JsonObject().put("tables", new JsonObject()).put("mutations", new JsonArray());
      stores.put(erasure.store(), store);
    }
    erasure.rows().forEach(store.getJsonObject("tables")::put);
    erasure.mutations().forEach(store.getJsonArray("mutations")::add);
  }

  void catalogRemoved(boolean removed) {
    this.catalogRemoved = removed;
  }

  ErasureReport lake(JsonObject lakeReport) {
    this.lake = lakeReport;
    return this;
  }

  boolean complete() {
    return LakeErasure.DONE.equals(lake.getString("status"));
  }

  JsonObject toJson(long tookNanos) {
    JsonObject json = new JsonObject().put("tenant", tenant).put("postgres", postgres);
    stores.forEach(e -> json.put(e.getKey(), e.getValue()));
    return json.put("lake", lake).put("catalogRemoved", catalogRemoved).put("complete", complete())
        .put("tookMs", tookNanos / 1_000_000);
  }
}
