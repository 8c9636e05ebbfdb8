package io.tally.projection.runtime;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decoding of large polls on a thread of its own, so that while one poll is decoded the poll thread already
 * fetches and parses the next and hands batches to the store: catching up, decoding is most of the runtime's CPU,
 * and done in line it left the other core idle half the time. Small polls (live traffic) decode in line when
 * nothing is queued, so they gain no hop. Results come back in poll order.
 */
final class DecodeStage implements AutoCloseable {
  static final int ASYNC_FROM = 512;

  private record Chunk(CompletableFuture<List<DecodedRecord>> decoded, int size, long polledNanos,
                       Map<Integer, Long> oldest) {}

  private final Function<List<ConsumerRecord<byte[], byte[]>>, List<DecodedRecord>> decoder;
  private final ExecutorService thread;
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
  private int records;

  DecodeStage(String projection, Function<List<ConsumerRecord<byte[], byte[]>>, List<DecodedRecord>> decoder) {
    this.decoder = decoder;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "projection-" + projection + "-decode");
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues one poll's records (in offset order per partition) for decoding. */
  void submit(List<ConsumerRecord<byte[], byte[]>> polled, long polledNanos) {
    if (polled.isEmpty()) {
      return;
    }
    Map<Integer, Long> oldest = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : polled) {
      if (!oldest.containsKey(r.partition())) { // not putIfAbsent: that boxes a timestamp for every record
        oldest.put(r.partition(), r.timestamp());
      }
    }
    CompletableFuture<List<DecodedRecord>> decoded = chunks.isEmpty() && polled.size() < ASYNC_FROM
        ? CompletableFuture.completedFuture(decoder.apply(polled))
        : CompletableFuture.supplyAsync(() -> decoder.apply(polled), thread);
    chunks.addLast(new Chunk(decoded, polled.size(), polledNanos, oldest));
    records += polled.size();
  }

  /** Moves every chunk already decoded, in poll order, to the records waiting for a batch. */
  void drainInto(PendingRecords pending) {
    while (!chunks.isEmpty() && chunks.peekFirst().decoded().isDone()) {
      Chunk chunk = chunks.pollFirst();
      records -= chunk.size();
      for (DecodedRecord record : chunk.decoded().join()) {
        pending.add(record, chunk.polledNanos());
      }
    }
  }

  /** Records polled but not yet decoded. */
  int size() {
    return records;
  }

  /** Kafka timestamp of the first record per partition still being decoded. */
  Map<Integer, Long> oldestTimestamps() {
    Map<Integer, Long> oldest = new HashMap<>();
    chunks.forEach(chunk -> chunk.oldest().forEach(oldest::putIfAbsent));
    return oldest;
  }

  /** Forgets everything queued: the partitions are read again from the store's resume point. */
  void clear() {
    chunks.forEach(chunk -> chunk.decoded().cancel(false));
    chunks.clear();
    records = 0;
  }

  @Override
  public void close() {
    clear();
    thread.shutdownNow();
  }
}
