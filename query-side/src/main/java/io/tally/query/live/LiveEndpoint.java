package io.tally.query.live;

import io.tally.service.auth.BearerAuth;
import io.tally.service.http.Problem;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /v1/tenants/{tenant}/live: upgrades to a WebSocket once the token and the tenant were checked (the refusal
 * of a bad token is an ordinary 401/403 before any upgrade). The socket gets a snapshot, then deltas, stats
 * updates and heartbeats; it is closed (code 4401) when its token expires. A client may send
 * {@code {"type":"resync"}} to get a fresh snapshot.
 */
public final class LiveEndpoint implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEndpoint.class);
  static final short TOKEN_EXPIRED = 4401;

  private final Vertx vertx;
  private final LiveHub hub;
  private final int queueBytes;

  public LiveEndpoint(Vertx vertx, LiveHub hub, int queueBytes) {
    this.vertx = vertx;
    this.hub = hub;
    this.queueBytes = queueBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.response().putHeader("Upgrade", "websocket");
      Problem.of(426, "upgrade-required", "this is a WebSocket endpoint; connect with a WebSocket client").send(ctx);
      return;
    }
    String tenant = ctx.pathParam("tenant");
    String subject = BearerAuth.caller(ctx).subject();
    long expiresAt = LiveTokens.expiry(ctx);
    ctx.request().toWebSocket()
        .onSuccess(ws -> accept(ws, tenant, subject, expiresAt))
        .onFailure(e -> LOG.debug("upgrade of {} failed: {}", ctx.request().path(), e.toString()));
  }

  private void accept(ServerWebSocket ws, String tenant, String subject, long expiresAtSeconds) {
    ws.setWriteQueueMaxSize(queueBytes);
    LiveSocket socket = hub.join(ws, tenant, subject);
    ws.pongHandler(b -> socket.lastPongNanos = System.nanoTime());
    ws.textMessageHandler(text -> {
      if (text.contains("\"resync\"")) {
        socket.resync();
      }
    });
    ws.exceptionHandler(e -> { });
    if (expiresAtSeconds > 0) {
      long ms = Math.max(1, expiresAtSeconds * 1000 - System.currentTimeMillis());
      socket.expiryTimer = vertx.setTimer(ms, t -> ws.close(TOKEN_EXPIRED, "token expired; sign in again"));
    }
    ws.closeHandler(v -> {
      if (socket.expiryTimer >= 0) {
        vertx.cancelTimer(socket.expiryTimer);
      }
      hub.leave(socket);
    });
  }
}
