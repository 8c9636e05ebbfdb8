package io.tally.query.orders;

import io.tally.query.http.InvalidParam;
import io.tally.query.http.Responses;
import io.tally.events.Limits;
import io.vertx.ext.web.Router;

/** GET /v1/tenants/{tenant}/orders and /orders/{orderId}; access is checked before these run. */
public final class OrderRoutes {
  private final OrderQueries queries;

  public OrderRoutes(OrderQueries queries) {
    this.queries = queries;
  }

  public void mount(Router router) {
    router.get("/v1/tenants/:tenant/orders").handler(Responses.answering(ctx -> {
      String tenant = ctx.pathParam("tenant");
      return queries.list(tenant, OrderFilter.from(ctx)).map(page -> page.put("tenant", tenant));
    }));
    router.get("/v1/tenants/:tenant/orders/:orderId").handler(Responses.answering(ctx -> {
      String orderId = ctx.pathParam("orderId");
      Limits.id("orderId", orderId).ifPresent(v -> {
        throw new InvalidParam("orderId", "orderId " + v.message());
      });
      return queries.one(ctx.pathParam("tenant"), orderId);
    }));
  }
}
