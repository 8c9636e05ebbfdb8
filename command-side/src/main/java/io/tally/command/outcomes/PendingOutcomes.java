package io.tally.command.outcomes;

import io.tally.command.wire.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests waiting for their command's outcome, by tenant and command id. Registered before the command is
 * produced, so an outcome can never arrive unseen between the two. Several requests may wait on one command id
 * (a client retrying while the first attempt still waits); each gets the answer on its own event loop.
 */
public final class PendingOutcomes {
  private final ConcurrentHashMap<String, List<Waiter>> waiting = new ConcurrentHashMap<>();

  /** One request waiting; cancel it when the request stops waiting (timeout, publish failure). */
  public static final class Waiter {
    private final Context context = Vertx.currentContext();
    private final Promise<Outcome> promise = Promise.promise();

    public Future<Outcome> future() {
      return promise.future();
    }

    void deliver(Outcome outcome) {
      if (context == null) {
        promise.tryComplete(outcome);
      } else {
        context.runOnContext(v -> promise.tryComplete(outcome));
      }
    }
  }

  public Waiter register(String key) {
    Waiter waiter = new Waiter();
    waiting.compute(key, (k, list) -> {
      List<Waiter> next = list == null ? new ArrayList<>(1) : list;
      next.add(waiter);
      return next;
    });
    return waiter;
  }

  public void cancel(String key, Waiter waiter) {
    waiting.computeIfPresent(key, (k, list) -> {
      list.remove(waiter);
      return list.isEmpty() ? null : list;
    });
  }

  public boolean isWaiting(String key) {
    return waiting.containsKey(key);
  }

  /** Hands the outcome to everyone waiting for it; false when no one was. */
  public boolean deliver(String key, Outcome outcome) {
    List<Waiter> waiters = waiting.remove(key);
    if (waiters == null) {
      return false;
    }
    waiters.forEach(w -> w.deliver(outcome));
    return true;
  }

  public int size() {
    return waiting.size();
  }
}
