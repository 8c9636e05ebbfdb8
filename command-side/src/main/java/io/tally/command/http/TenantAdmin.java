package io.tally.command.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.command.CommandSettings;
import io.tally.command.tenants.Tenant;
import io.tally.command.tenants.TenantCatalog;
import io.tally.command.tenants.TenantDirectory;
import io.tally.command.tenants.TenantInput;
import io.tally.events.InvalidFieldException;
import io.tally.service.auth.AccessAudit;
import io.tally.service.auth.BearerAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The tenant catalog over HTTP, for platform admins: create (with quota and retention), list, read, change.
 * Every change is an audited admin action.
 */
final class TenantAdmin {
  private final TenantCatalog catalog;
  private final TenantDirectory directory;
  private final AccessAudit audit;
  private final CommandSettings settings;

  TenantAdmin(TenantCatalog catalog, TenantDirectory directory, AccessAudit audit, CommandSettings settings) {
    this.catalog = catalog;
    this.directory = directory;
    this.audit = audit;
    this.settings = settings;
  }

  void create(RoutingContext ctx) {
    TenantInput input;
    try {
      RequestGuards.requireJson(ctx);
      input = read(ctx, true);
    } catch (Rejection r) {
      r.send(ctx);
      return;
    }
    String id = input.id().orElseThrow();
    Tenant.Quota quota = input.quotaOr(new Tenant.Quota(settings.defaultRate(), settings.defaultBurst()));
    int retention = (int) input.retentionDays().orElse(settings.defaultRetentionDays());
    catalog.create(id, input.displayName().orElse(id), quota, retention).onComplete(done -> {
      if (done.failed()) {
        RequestGuards.unavailable("the tenant catalog").send(ctx);
      } else if (done.result().isEmpty()) {
        catalog.wasDeleted(id).onComplete(deleted -> Rejection.field(409, "id", deleted.succeeded() && deleted.result()
            ? "tenant " + id + " was deleted; a deleted tenant's id is never used again" : "tenant " + id
            + " already exists").send(ctx));
      } else {
        Tenant tenant = done.result().get();
        directory.put(tenant);
        audit.adminAction(ctx, BearerAuth.caller(ctx), "tenant.create", tenant.toJson());
        ctx.response().setStatusCode(201).putHeader("Location", "/v1/admin/tenants/" + id)
            .putHeader("content-type", "application/json").end(tenant.toJson().encode());
      }
    });
  }

  void update(RoutingContext ctx) {
    String id = ctx.pathParam("tenant");
    TenantInput input;
    try {
      RequestGuards.requireJson(ctx);
      input = read(ctx, false);
    } catch (Rejection r) {
      r.send(ctx);
      return;
    }
    catalog.find(id).compose(found -> {
      if (found.isEmpty()) {
        return io.vertx.core.Future.succeededFuture(Optional.<Tenant>empty());
      }
      Tenant t = found.get();
      return catalog.update(id, input.displayName().orElse(t.displayName()), input.quotaOr(t.quota()),
          (int) input.retentionDays().orElse(t.retentionDays()));
    }).onComplete(done -> {
      if (done.failed()) {
        RequestGuards.unavailable("the tenant catalog").send(ctx);
      } else if (done.result().isEmpty()) {
        Rejection.of(404, "unknown-tenant", "there is no tenant '" + id + "'").send(ctx);
      } else {
        Tenant tenant = done.result().get();
        directory.put(tenant);
        audit.adminAction(ctx, BearerAuth.caller(ctx), "tenant.update", tenant.toJson());
        ctx.response().putHeader("content-type", "application/json").end(tenant.toJson().encode());
      }
    });
  }

  void list(RoutingContext ctx) {
    catalog.list().onComplete(done -> {
      if (done.failed()) {
        RequestGuards.unavailable("the tenant catalog").send(ctx);
        return;
      }
      JsonArray tenants = new JsonArray();
      done.result().forEach(t -> tenants.add(t.toJson()));
      ctx.response().putHeader("content-type", "application/json")
          .end(new JsonObject().put("tenants", tenants).encode());
    });
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("tenant");
    catalog.find(id).onComplete(done -> {
      if (done.failed()) {
        RequestGuards.unavailable("the tenant catalog").send(ctx);
      } else if (done.result().isEmpty()) {
        Rejection.of(404, "unknown-tenant", "there is no tenant '" + id + "'").send(ctx);
      } else {
        ctx.response().putHeader("content-type", "application/json").end(done.result().get().toJson().encode());
      }
    });
  }

  private static TenantInput read(RoutingContext ctx, boolean idAllowed) {
    ObjectNode body = CommandBody.object(CommandBody.json(ctx.body().buffer()), "the body");
    try {
      return TenantInput.read(body, idAllowed);
    } catch (InvalidFieldException e) {
      throw Rejection.field(422, e.field(), e.getMessage());
    }
  }
}
