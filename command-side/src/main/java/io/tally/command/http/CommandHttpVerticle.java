package io.tally.command.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.command.CommandSettings;
import io.tally.command.tenants.Quotas;
import io.tally.command.tenants.TenantCatalog;
import io.tally.command.tenants.TenantDirectory;
import io.tally.service.auth.AccessAudit;
import io.tally.service.auth.BearerAuth;
import io.tally.service.auth.Caller;
import io.tally.service.auth.TenantAccess;
import io.tally.service.auth.Tokens;
import io.tally.service.http.ServiceRouter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The command API on one event loop; the top verticle deploys one per core, all sharing the port and the parts
 * (gateway, directory, quotas) built once. Each route chains its checks in a fixed order: size, auth, tenant
 * format, access, tenant existence, then the handler (media type, quota, body).
 */
public final class CommandHttpVerticle extends VerticleBase {

  /** What every instance shares; built once by the top verticle. */
  public record Parts(CommandSettings settings, PrometheusMeterRegistry registry, Tokens tokens,
                      CommandGateway gateway, TenantCatalog catalog, TenantDirectory directory, Quotas quotas,
                      CommandMetrics metrics, Map<String, Handler<Promise<Status>>> healthChecks,
                      Buffer openApi) {}

  private final Parts parts;

  public CommandHttpVerticle(Parts parts) {
    this.parts = parts;
  }

  @Override
  public Future<?> start() {
    ServiceRouter http = ServiceRouter.create(vertx, parts.registry());
    parts.healthChecks().forEach((name, check) -> http.health().register(name, 3000, check));
    mount(http.router());
    return http.listen(vertx, parts.settings().port());
  }

  void mount(Router router) {
    CommandSettings s = parts.settings();
    AccessAudit audit = new AccessAudit(parts.registry());
    BearerAuth bearer = new BearerAuth(parts.tokens(), audit);
    router.route().order(-1).handler(new HttpMetrics(parts.registry()));
    Buffer openApi = parts.openApi();
    router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .end(openApi.copy())); // a Buffer written once is consumed: one copy per response

    Handler<RoutingContext> writer = TenantAccess.requiring(audit, Caller.WRITER);
    Handler<RoutingContext> reader = TenantAccess.requiring(audit, Caller.VIEWER, Caller.ANALYST, Caller.WRITER);
    Handler<RoutingContext> known = RequestGuards.tenantKnown(parts.directory());
    SubmitCommand submit = new SubmitCommand(parts.gateway(), parts.quotas(), parts.metrics(), s);
    SubmitBatch batch = new SubmitBatch(parts.gateway(), parts.quotas(), parts.metrics(), s);

    chain(router, () -> router.post("/v1/tenants/:tenant/commands"), "submit-command", s.maxBodyBytes(),
        r -> r.handler(bearer).handler(RequestGuards.tenantPath()).handler(writer).handler(known).handler(submit));
    chain(router, () -> router.postWithRegex("/v1/tenants/(?<tenant>[^/]+)/commands:batch"), "submit-batch",
        s.maxBatchBodyBytes(),
        r -> r.handler(bearer).handler(RequestGuards.tenantPath()).handler(writer).handler(known).handler(batch));
    router.get("/v1/tenants/:tenant/commands/:commandId").handler(RequestGuards.named("get-command"))
        .handler(bearer).handler(RequestGuards.tenantPath()).handler(reader).handler(known)
        .handler(new QueryOutcome(parts.gateway(), s));

    TenantAdmin admin = new TenantAdmin(parts.catalog(), parts.directory(), audit, s);
    Handler<RoutingContext> platformAdmin = TenantAccess.platformAdmin(audit);
    chain(router, () -> router.post("/v1/admin/tenants"), "create-tenant", 16 * 1024,
        r -> r.handler(bearer).handler(platformAdmin).handler(admin::create));
    chain(router, () -> router.patch("/v1/admin/tenants/:tenant"), "update-tenant", 16 * 1024,
        r -> r.handler(bearer).handler(platformAdmin).handler(admin::update));
    router.get("/v1/admin/tenants").handler(RequestGuards.named("list-tenants")).handler(bearer)
        .handler(platformAdmin).handler(admin::list);
    router.get("/v1/admin/tenants/:tenant").handler(RequestGuards.named("get-tenant")).handler(bearer)
        .handler(platformAdmin).handler(admin::get);

    // ServiceRouter's catch-all 404 would otherwise answer a wrong method on a known path.
    methodNotAllowed(router.route("/v1/tenants/:tenant/commands"), "POST");
    methodNotAllowed(router.routeWithRegex("/v1/tenants/(?<tenant>[^/]+)/commands:batch"), "POST");
    methodNotAllowed(router.route("/v1/tenants/:tenant/commands/:commandId"), "GET");
    methodNotAllowed(router.route("/v1/admin/tenants"), "GET, POST");
    methodNotAllowed(router.route("/v1/admin/tenants/:tenant"), "GET, PATCH");
  }

  private static void methodNotAllowed(Route route, String allowed) {
    route.handler(ctx -> {
      ctx.response().putHeader("Allow", allowed);
      Rejection.of(405, "method-not-allowed", ctx.request().method().name() + " is not allowed here; use "
          + allowed).send(ctx);
    });
  }

  /**
   * A route with a body, as two routes on the same path: the first names it and refuses a declared oversize
   * before a byte is read; the second reads the body (vert.x wants the body handler first on its route), then
   * runs the given handlers.
   */
  private static void chain(Router router, Supplier<Route> route, String name, int maxBytes, Consumer<Route> rest) {
    route.get().handler(RequestGuards.named(name)).handler(RequestGuards.declaredSize(maxBytes));
    Route reading = route.get().handler(BodyHandler.create(false).setBodyLimit(maxBytes));
    rest.accept(reading);
  }
}
