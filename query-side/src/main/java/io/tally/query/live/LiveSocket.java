package io.tally.query.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One live client. Writes never wait: when the socket's bounded write queue is full the client is behind, so
 * further messages for it are dropped (counted) instead of queued, and once it drains it gets a resync message
 * and a fresh snapshot. A slow client thus costs a bounded buffer and never delays the tenant's other sockets.
 *
 * <p>Between asking for a snapshot and sending it, messages are held (a few) so that the client sees the snapshot
 * first and nothing committed after the snapshot's read is lost.
 */
final class LiveSocket {
  private static final int MAX_HELD = 64;

  private enum State { AWAITING_SNAPSHOT, LIVE, BEHIND, CLOSED }

  final ServerWebSocket ws;
  final String tenant;
  final String subject;
  private final Consumer<LiveSocket> wantsSnapshot;
  private final LiveMetrics metrics;
  private final ArrayDeque<Buffer> held = new ArrayDeque<>();
  private State state = State.AWAITING_SNAPSHOT;
  private boolean heldOverflow;
  private long dropped;
  long lastPongNanos = System.nanoTime();
  long expiryTimer = -1;

  LiveSocket(ServerWebSocket ws, String tenant, String subject, Consumer<LiveSocket> wantsSnapshot,
             LiveMetrics metrics) {
    this.ws = ws;
    this.tenant = tenant;
    this.subject = subject;
    this.wantsSnapshot = wantsSnapshot;
    this.metrics = metrics;
  }

  /** A delta or a stats update, the same buffer for every socket of the tenant. */
  void deliver(Buffer message) {
    switch (state) {
      case LIVE -> write(message);
      case AWAITING_SNAPSHOT -> {
        if (held.size() < MAX_HELD) {
          held.add(message);
        } else {
          heldOverflow = true;
          countDropped();
        }
      }
      case BEHIND -> countDropped();
      case CLOSED -> { }
    }
  }

  /** The snapshot asked for: replaces whatever the client had, then what was held meanwhile. */
  void snapshot(Buffer snapshot) {
    if (state != State.AWAITING_SNAPSHOT) {
      return;
    }
    if (heldOverflow) {
      // Too much changed while reading: this snapshot may already be stale, read another.
      held.clear();
      heldOverflow = false;
      wantsSnapshot.accept(this);
      return;
    }
    state = State.LIVE;
    write(snapshot);
    while (!held.isEmpty() && state == State.LIVE) {
      write(held.poll());
    }
  }

  /** Asks for a fresh snapshot (after a replay swapped the view in, or on the client's request). */
  void resync() {
    if (state == State.LIVE) {
      state = State.AWAITING_SNAPSHOT;
      wantsSnapshot.accept(this);
    }
  }

  void heartbeat(Buffer beat) {
    if (state == State.LIVE && !full()) {
      ws.writeBinaryMessage(beat);
      ws.writePing(Buffer.buffer());
    }
  }

  boolean live() {
    return state == State.LIVE;
  }

  void closed() {
    state = State.CLOSED;
    held.clear();
  }

  private void write(Buffer message) {
    if (full()) {
      if (state != State.CLOSED) {
        fallBehind();
      }
      return;
    }
    ws.writeBinaryMessage(message);
  }

  // A socket the peer has just closed throws on writeQueueFull(); its close handler is about to run.
  private boolean full() {
    if (ws.isClosed()) {
      state = State.CLOSED;
      return true;
    }
    return ws.writeQueueFull();
  }

  private void fallBehind() {
    state = State.BEHIND;
    countDropped();
    metrics.slowClient();
    ws.drainHandler(v -> {
      ws.drainHandler(null);
      if (state != State.BEHIND) {
        return;
      }
      ws.writeBinaryMessage(LiveMessages.resync("slow-consumer", dropped));
      dropped = 0;
      state = State.AWAITING_SNAPSHOT;
      wantsSnapshot.accept(this);
    });
  }

  private void countDropped() {
    dropped++;
    metrics.dropped();
  }
}
