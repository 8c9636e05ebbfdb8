package io.tally.query;

import io.tally.query.admin.AdminProxy;
import io.tally.query.analytics.AnalyticsRoutes;
import io.tally.query.history.HistoryRoutes;
import io.tally.query.http.DevTokensRoute;
import io.tally.query.http.StaticPages;
import io.tally.query.http.TenantPath;
import io.tally.query.live.LiveEndpoint;
import io.tally.query.live.LiveTokens;
import io.tally.query.orders.OrderRoutes;
import io.tally.service.auth.AccessAudit;
import io.tally.service.auth.BearerAuth;
import io.tally.service.auth.Caller;
import io.tally.service.auth.TenantAccess;
import io.tally.service.auth.Tokens;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every route of the query side and what guards it. Tenant routes run, in order: token (401), tenant name (400),
 * the token's reach over that tenant (403), then the handler; refusals are audited by the guards.
 */
final class QueryApi {
  static final String[] READERS = {Caller.VIEWER, Caller.ANALYST};

  private QueryApi() {}

  static void mount(Vertx vertx, Router router, Tokens tokens, AccessAudit audit, OrderRoutes orders,
                    AnalyticsRoutes analytics, HistoryRoutes history, LiveEndpoint live, AdminProxy admin,
                    Optional<Path> devTokens) {
    BearerAuth bearer = new BearerAuth(tokens, audit);
    TenantAccess readers = TenantAccess.requiring(audit, READERS);
    TenantPath tenantPath = new TenantPath();

    router.get("/v1/tenants/:tenant/live").handler(new LiveTokens()).handler(bearer).handler(tenantPath)
        .handler(readers).handler(live);
    router.route("/v1/tenants/:tenant/*").handler(bearer).handler(tenantPath).handler(readers);
    orders.mount(router);
    analytics.mount(router);
    history.mount(router);

    for (String path : new String[] {"/v1/admin/projections", "/v1/admin/projections/*", "/v1/admin/dead-letters",
        "/v1/admin/dead-letters/*", "/v1/admin/audit", "/v1/admin/tenants/:tenant/data"}) {
      router.route(path).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(bearer).handler(admin);
    }
    devTokens.ifPresent(file -> DevTokensRoute.mount(vertx, router, file));
    StaticPages.mount(router);
  }
}
