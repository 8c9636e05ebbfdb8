package io.tally.query.bench;

import io.tally.query.support.Await;
import io.tally.query.support.Http;
import io.tally.query.support.QuerySide;
import io.tally.query.support.Stores;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * p50/p99 of /stats and /revenue over 10M events in ClickHouse (rows and rollups in the projection's own tables,
 * made by its own DDL, written server-side by INSERT … SELECT so that setting up takes seconds), and of
 * /orders/{orderId} and /orders over 1M orders in Postgres. Each figure is what an HTTP client sees, sequential
 * requests, after a warm-up. {@code mvn -pl query-side test -Dtest=AnalyticsLatencyBenchmark}.
 */
@ExtendWith({PostgresExtension.class, ClickHouseExtension.class})
class AnalyticsLatencyBenchmark {
  static final int TENANTS = 10;

  @Test
  void readLatencies(TestPostgres pg, TestClickHouse ch) {
    int events = Integer.getInteger("bench.events", 10_000_000);
    int orders = Integer.getInteger("bench.orders", 1_000_000);
    int requests = Integer.getInteger("bench.requests", 2_000);
    try (Stores stores = new Stores(pg, ch); QuerySide query = QuerySide.start(stores, Map.of())) {
      long t0 = System.nanoTime();
      fillClickHouse(stores, events);
      long t1 = System.nanoTime();
      fillPostgres(stores, orders);
      long t2 = System.nanoTime();
      String token = query.token("tenant-3", "viewer");
      JsonObject figures = new JsonObject().put("events", events).put("tenants", TENANTS).put("orders", orders)
          .put("requests", requests)
          .put("loadClickHouseSeconds", (t1 - t0) / 1e9).put("loadPostgresSeconds", (t2 - t1) / 1e9)
          .put("tenantEvents", Await.result(stores.ch.query("SELECT count() AS n FROM order_events WHERE tenant = 'tenant-3'"))
              .get(0).getLong("n"));
      Random random = new Random(7);
      figures.put("stats", measure(query.http, token, requests, i -> "/v1/tenants/tenant-3/stats"));
      figures.put("statsThisHour", measure(query.http, token, requests,
          i -> "/v1/tenants/tenant-3/stats?from=" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)));
      figures.put("statsLast7Days", measure(query.http, token, requests,
          i -> "/v1/tenants/tenant-3/stats?from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(7)));
      figures.put("revenueHour24h", measure(query.http, token, requests, i -> "/v1/tenants/tenant-3/revenue"));
      figures.put("revenueDay30d", measure(query.http, token, requests, i -> "/v1/tenants/tenant-3/revenue?bucket=day"));
      // Steady state: a bulk load leaves hundreds of unmerged parts that the server merges over the next minutes.
      Await.result(stores.ch.withTimeout(java.time.Duration.ofMinutes(10)).execute("OPTIMIZE TABLE orders_hourly FINAL")
          .compose(v -> stores.ch.execute("OPTIMIZE TABLE orders_daily FINAL")));
      figures.put("statsMerged", measure(query.http, token, requests, i -> "/v1/tenants/tenant-3/stats"));
      figures.put("revenueHour24hMerged", measure(query.http, token, requests, i -> "/v1/tenants/tenant-3/revenue"));
      figures.put("revenueDay30dMerged", measure(query.http, token, requests,
          i -> "/v1/tenants/tenant-3/revenue?bucket=day"));
      figures.put("statsMergedWithoutHttp", direct(new io.tally.query.analytics.Analytics(stores.ch), requests));
      figures.put("orderById", measure(query.http, token, requests,
          i -> "/v1/tenants/tenant-3/orders/o-" + (random.nextInt(orders / TENANTS) * TENANTS + 3)));
      figures.put("ordersFirstPage", measure(query.http, token, Math.min(requests, 300),
          i -> "/v1/tenants/tenant-3/orders?limit=50"));
      figures.put("ordersPaidFirstPage", measure(query.http, token, Math.min(requests, 300),
          i -> "/v1/tenants/tenant-3/orders?status=PAID&limit=50"));
      // current_orders has no index on (tenant, created_at) yet (asked of the projections); with one:
      Await.result(stores.pool.query("CREATE INDEX current_orders_by_created ON current_orders"
          + " (tenant, created_at DESC, order_id DESC)").execute());
      figures.put("ordersFirstPageWithIndex", measure(query.http, token, Math.min(requests, 300),
          i -> "/v1/tenants/tenant-3/orders?limit=50"));
      figures.put("ordersPaidFirstPageWithIndex", measure(query.http, token, Math.min(requests, 300),
          i -> "/v1/tenants/tenant-3/orders?status=PAID&limit=50"));
      LatencyHistogram.report("read-latency", figures);
    }
  }

  interface Path {
    String of(int i);
  }

  static JsonObject measure(Http http, String token, int n, Path path) {
    for (int i = 0; i < Math.min(200, n); i++) {
      check(http.get(path.of(i), token), path.of(i));
    }
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < n; i++) {
      String p = path.of(i);
      long start = System.nanoTime();
      Http.Answer a = http.get(p, token);
      h.record(System.nanoTime() - start);
      check(a, p);
    }
    return h.summary();
  }

  /** The same reads without HTTP, auth and the query side's event loop: what ClickHouse and its client cost. */
  static JsonObject direct(io.tally.query.analytics.Analytics analytics, int n) {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < n + 200; i++) {
      long start = System.nanoTime();
      Await.result(analytics.stats("tenant-3", java.util.Optional.empty(), java.util.Optional.empty()));
      if (i >= 200) {
        h.record(System.nanoTime() - start);
      }
    }
    return h.summary();
  }

  static void check(Http.Answer a, String path) {
    if (a.status() != 200) {
      throw new AssertionError(path + " -> " + a.status() + " " + a.body());
    }
  }

  /**
   * Orders of 3 events each (placed, paid, shipped), ten tenants, spread over the last 30 days, in the shape
   * ChRows writes; the materialized views fill the rollups as the blocks land.
   */
  static void fillClickHouse(Stores stores, int events) {
    String sql = """
        INSERT INTO order_events
        SELECT generateUUIDv4() AS event_id,
               concat('tenant-', toString(intDiv(number, 3) %% %1$d)) AS tenant,
               concat('o-', toString(intDiv(number, 3))) AS order_id,
               number %% 3 + 1 AS sequence,
               ['OrderPlaced', 'OrderPaid', 'OrderShipped'][number %% 3 + 1] AS type,
               1 AS schema_version,
               ['PLACED', 'PAID', 'SHIPPED'][number %% 3 + 1] AS status,
               toDateTime(toUInt32(now()) - intDiv(number, 3) %% (30 * 86400)) AS occurred_at,
               toUInt64(occurred_at) * 1000 AS occurred_at_ms,
               toDecimal64(10 + intDiv(number, 3) %% 490, 4) AS amount,
               if(number %% 3 = 1, amount, toDecimal64(0, 4)) AS revenue,
               'EUR' AS currency,
               concat('c-', toString(number %% 1000)) AS customer_id,
               toUInt32(number %% 6) AS kafka_partition,
               number AS kafka_offset,
               now() AS projected_at
        FROM numbers(%2$d)""".formatted(TENANTS, events);
    Await.result(stores.ch.withTimeout(java.time.Duration.ofMinutes(20)).execute(sql));
  }

  /** One row per order and its three history rows, as the projection would have left them. */
  static void fillPostgres(Stores stores, int orders) {
    Await.result(stores.pool.query("""
        INSERT INTO current_orders (tenant, order_id, status, amount, currency, version, created_at, updated_at,
                                    last_event_id)
        SELECT 'tenant-' || (n %% %1$d), 'o-' || n, (ARRAY['PLACED','PAID','SHIPPED'])[1 + n %% 3],
               10 + n %% 490, 'EUR', 1 + n %% 3, now() - (n %% 2592000) * interval '1 second',
               now() - (n %% 2592000) * interval '1 second' + interval '1 minute', gen_random_uuid()
        FROM generate_series(0, %2$d - 1) AS n""".formatted(TENANTS, orders)).execute());
    Await.result(stores.pool.query("""
        INSERT INTO order_events (event_id, tenant, order_id, sequence, type, schema_version, occurred_at, amount,
                                  currency, payload, kafka_partition, kafka_offset)
        SELECT gen_random_uuid(), 'tenant-' || (n %% %1$d), 'o-' || n, s,
               (ARRAY['OrderPlaced','OrderPaid','OrderShipped'])[s], 1,
               now() - (n %% 2592000) * interval '1 second', CASE WHEN s < 3 THEN 10 + n %% 490 END, 'EUR',
               '{"customerId":"c-1"}'::json, 0, n * 3 + s
        FROM generate_series(0, %2$d - 1) AS n, generate_series(1, 3) AS s""".formatted(TENANTS, orders))
        .execute());
    Await.result(stores.pool.query("ANALYZE current_orders").execute().compose(r ->
        stores.pool.query("ANALYZE order_events").execute()));
  }
}
