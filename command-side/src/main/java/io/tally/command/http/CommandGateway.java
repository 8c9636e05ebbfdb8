package io.tally.command.http;

import io.tally.command.outcomes.CommandPublisher;
import io.tally.command.outcomes.OutcomeStore;
import io.tally.command.outcomes.PendingOutcomes;
import io.tally.command.outcomes.RecentOutcomes;
import io.tally.command.wire.Outcome;
import io.tally.command.wire.OutcomeCodec;
import io.tally.order.OrderCommand;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * The HTTP side's way to the decider and back: append a command to the log, then wait (bounded) for its outcome
 * from the results feed. Shared by every event loop; nothing here blocks.
 */
public final class CommandGateway {

  /** How a submission ended for the caller. */
  public sealed interface Answer {
    record Decided(Outcome outcome) implements Answer {}

    /** In the log, not decided within the wait: answer 202 and let the caller poll. */
    record Pending() implements Answer {}

    /** Not known to be in the log: the caller should retry with the same command id. */
    record Unavailable(Throwable cause) implements Answer {}
  }

  private final Vertx vertx;
  private final CommandPublisher publisher;
  private final PendingOutcomes pending;
  private final RecentOutcomes recent;
  private final OutcomeStore store;

  public CommandGateway(Vertx vertx, CommandPublisher publisher, PendingOutcomes pending, RecentOutcomes recent,
                        OutcomeStore store) {
    this.vertx = vertx;
    this.publisher = publisher;
    this.pending = pending;
    this.recent = recent;
    this.store = store;
  }

  /** waitMillis 0: answer Pending as soon as the command is durably in the log. */
  public Future<Answer> submit(OrderCommand command, long waitMillis) {
    String key = Outcome.key(command.tenant(), command.commandId());
    PendingOutcomes.Waiter waiter = waitMillis > 0 ? pending.register(key) : null;
    return publisher.publish(command).transform(sent -> {
      if (sent.failed()) {
        if (waiter != null) {
          pending.cancel(key, waiter);
        }
        return Future.succeededFuture(new Answer.Unavailable(sent.cause()));
      }
      return waiter == null ? Future.succeededFuture(new Answer.Pending()) : await(key, waiter, waitMillis);
    });
  }

  /** For GET: the outcome if one was seen here or recorded; waits when this instance has it in flight. */
  public Future<Optional<Answer>> find(String tenant, String commandId, long waitMillis) {
    String key = Outcome.key(tenant, commandId);
    byte[] seen = recent.find(key);
    if (seen != null) {
      return Future.succeededFuture(Optional.of(new Answer.Decided(OutcomeCodec.fromBytes(seen))));
    }
    return store.find(tenant, commandId).compose(stored -> {
      if (stored.isPresent()) {
        return Future.succeededFuture(Optional.of(new Answer.Decided(stored.get())));
      }
      if (!pending.isWaiting(key)) {
        return Future.succeededFuture(Optional.empty());
      }
      return await(key, pending.register(key), waitMillis).map(Optional::of);
    });
  }

  private Future<Answer> await(String key, PendingOutcomes.Waiter waiter, long waitMillis) {
    Promise<Answer> answer = Promise.promise();
    long timer = vertx.setTimer(waitMillis, t -> {
      pending.cancel(key, waiter);
      answer.tryComplete(new Answer.Pending());
    });
    waiter.future().onSuccess(outcome -> {
      vertx.cancelTimer(timer);
      answer.tryComplete(new Answer.Decided(outcome));
    });
    return answer.future();
  }
}
