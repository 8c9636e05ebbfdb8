package io.tally.query.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client of /live that records every message with the time it arrived. */
public final class LiveClient implements AutoCloseable {
  public record Received(long atNanos, long atMillis, JsonObject message) {
    public String type() {
      return message.getString("type");
    }
  }

  public final WebSocket ws;
  private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final List<Received> all = new ArrayList<>();

  private LiveClient(WebSocket ws) {
    this.ws = ws;
    ws.binaryMessageHandler(b -> inbox.add(new Received(System.nanoTime(), System.currentTimeMillis(),
        b.toJsonObject())));
    ws.textMessageHandler(t -> inbox.add(new Received(System.nanoTime(), System.currentTimeMillis(),
        new JsonObject(t))));
  }

  /** Connects the way a browser does: the token as the subprotocols "bearer, jwt". */
  public static LiveClient connect(Vertx vertx, String url, String token) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(16 << 20)
        .setMaxMessageSize(64 << 20));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url)
        .addSubProtocol("bearer").addSubProtocol(token);
    // Handlers are set on the event loop as the connection completes: the snapshot may follow at once.
    return Await.result(client.connect(options).map(LiveClient::new));
  }

  /** The next message matching, waiting up to the timeout; earlier non-matching ones are kept in history. */
  public Received next(Predicate<Received> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        Received r = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (r == null) {
          throw new AssertionError("no matching live message within " + timeout.toMillis() + " ms; had " + types());
        }
        all.add(r);
        if (matching.test(r)) {
          return r;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  public Received next(String type, Duration timeout) {
    return next(r -> type.equals(r.type()), timeout);
  }

  /** Everything received so far (drains the inbox into the history). */
  public List<Received> received() {
    inbox.drainTo(all);
    return List.copyOf(all);
  }

  private List<String> types() {
    return all.stream().map(Received::type).toList();
  }

  @Override
  public void close() {
    if (!ws.isClosed()) {
      ws.close();
    }
  }

}
