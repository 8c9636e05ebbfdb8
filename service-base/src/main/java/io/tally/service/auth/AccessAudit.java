package io.tally.service.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of denied access and admin actions: one JSON line each on the "tally.audit" logger (so a
 * deployment routes it to its own sink) and a counter, so a burst of denials shows on a dashboard.
 */
public final class AccessAudit {
  private static final Logger AUDIT = LoggerFactory.getLogger("tally.audit");
  private final MeterRegistry registry;

  public AccessAudit(MeterRegistry registry) {
    this.registry = registry;
  }

  public void denied(RoutingContext ctx, Caller caller, int status, String reason) {
    registry.counter("tally_access_denied_total", "status", Integer.toString(status)).increment();
    AUDIT.info(record("denied", ctx, caller).put("status", status).put("reason", reason).encode());
  }

  public void adminAction(RoutingContext ctx, Caller caller, String action, JsonObject details) {
    registry.counter("tally_admin_actions_total", "action", action).increment();
    AUDIT.info(record("admin", ctx, caller).put("action", action).put("details", details).encode());
  }

  private static JsonObject record(String kind, RoutingContext ctx, Caller caller) {
    return new JsonObject()
        .put("at", Instant.now().toString())
        .put("kind", kind)
        .put("method", ctx.request().method().name())
        .put("path", ctx.request().path())
        .put("remote", String.valueOf(ctx.request().remoteAddress()))
        .put("subject", caller == null ? null : caller.subject())
        .put("tokenTenant", caller == null ? null : caller.tenant());
  }
}
