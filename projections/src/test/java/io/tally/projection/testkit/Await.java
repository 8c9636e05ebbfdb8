package io.tally.projection.testkit;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Blocking helpers for tests: wait for a future, or until a condition holds (failing with what was seen). */
public final class Await {
  private Await() {}

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new AssertionError("future failed: " + e, e);
    }
  }

  public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> seen) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException | AssertionError e) {
        // not there yet (a store restarting, a table not created): keep waiting
      }
      sleep(100);
    }
    throw new AssertionError("not reached within " + timeout + "; last seen: " + seen.get());
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
