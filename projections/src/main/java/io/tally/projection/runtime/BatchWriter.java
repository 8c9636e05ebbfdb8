package io.tally.projection.runtime;

import io.tally.projection.dlq.DeadLetterWriter;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Hands one batch to the store: its poison to the dead-letter topic first (acknowledged before the store records
 * the offsets past it, so poison is never lost), then its events to the sink, less those of erased tenants. A
 * retry after a failure first asks the store what it already has and writes only the rest, so an ambiguous
 * failure is never written twice.
 */
final class BatchWriter {
  private final ProjectionSink sink;
  private final DeadLetterWriter deadLetters;
  private final ErasedTenants erased;

  BatchWriter(ProjectionSink sink, DeadLetterWriter deadLetters, ErasedTenants erased) {
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.erased = erased;
  }

  /** A batch handed to the store, and its outcome. */
  record Attempt(BatchInProgress original, CompletableFuture<Void> result) {}

  /** @param believedApplied what the runtime thinks the store has, per partition, to detect a store gone back */
  Attempt start(BatchInProgress batch, boolean afterFailure, Map<Integer, Long> believedApplied) {
    CompletableFuture<BatchInProgress> toWrite = afterFailure
        ? completable(sink.resumeOffsets()).thenApply(resume ->
            batch.remainderAfter(resume, believedApplied).orElseThrow(ResumeGapException::new))
        : CompletableFuture.completedFuture(batch);
    CompletableFuture<Void> result = toWrite.thenCompose(rest -> {
      CompletableFuture<Void> dlq = batch.poisonSent ? CompletableFuture.completedFuture(null)
          : deadLetters.send(rest.poison).thenRun(() -> batch.poisonSent = true);
      return dlq.thenCompose(v -> rest.batch.isEmpty() ? CompletableFuture.<Void>completedFuture(null)
          : apply(rest.batch));
    });
    return new Attempt(batch, result);
  }

  /**
   * Erased tenants are filtered at the moment of writing, not when the batch was taken: a batch taken (or failed)
   * before an erasure and written after it must not bring the tenant back.
   */
  private CompletableFuture<Void> apply(SinkBatch batch) {
    if (!erased.loaded()) {
      return CompletableFuture.failedFuture(new ErasedTenants.NotLoadedException());
    }
    return completable(sink.apply(erased.without(batch)));
  }

  void close() {
    deadLetters.close();
  }

  static <T> CompletableFuture<T> completable(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture();
  }

  /** The store's resume point is behind offsets it acknowledged before (restored from a backup, say). */
  static final class ResumeGapException extends RuntimeException {
    ResumeGapException() {
      super("store resume point is behind its acknowledged offsets", null, false, false);
    }
  }
}
