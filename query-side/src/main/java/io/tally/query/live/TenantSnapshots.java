package io.tally.query.live;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Snapshot reads of one tenant, shared: every socket waiting when a read starts gets that read's result, and a
 * socket that asks while a read is running waits for the next one (which starts after it asked, so it misses
 * nothing). A thousand clients reconnecting at once thus cost a handful of reads, not a thousand.
 */
final class TenantSnapshots {
  private final Supplier<Future<Buffer>> read;
  private final BiConsumer<LiveSocket, Throwable> failed;
  private List<LiveSocket> waiting = new ArrayList<>();
  private boolean reading;

  TenantSnapshots(Supplier<Future<Buffer>> read, BiConsumer<LiveSocket, Throwable> failed) {
    this.read = read;
    this.failed = failed;
  }

  void request(LiveSocket socket) {
    waiting.add(socket);
    if (!reading) {
      next();
    }
  }

  private void next() {
    List<LiveSocket> batch = waiting;
    waiting = new ArrayList<>();
    reading = true;
    read.get().onComplete(ar -> {
      reading = false;
      for (LiveSocket socket : batch) {
        if (ar.succeeded()) {
          socket.snapshot(ar.result());
        } else {
          failed.accept(socket, ar.cause());
        }
      }
      if (!waiting.isEmpty()) {
        next();
      }
    });
  }
}
