package io.tally.projection.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread of one projection. It never blocks on the store: a batch is handed over as a future and the
 * thread keeps polling (so the group never sees a silent member) while the batch is written, while the next one
 * fills, and while a failed one waits for its retry. Backpressure and outages pause partitions, never the
 * consumer. Everything here runs on this one thread; other threads talk to it through {@link #submit}.
 */
final class ProjectionLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionLoop.class);
  private static final long STATUS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  final ProjectionSink sink;
  final Consumer<byte[], byte[]> consumer;
  final String topic;
  final BatchPolicy policy;
  final ProjectionMetrics metrics;
  final Map<Integer, PartitionProgress> partitions = new TreeMap<>();
  final Set<Integer> awaitingSeek = new TreeSet<>();
  final PendingRecords pending = new PendingRecords();
  private final BatchWriter writer;
  final StoreHealth store;
  private final LoopStatus statusWriter;
  final DecodeStage decoding;
  private final LoopControls controls = new LoopControls();
  private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private CompletableFuture<Void> preparing;
  private boolean prepared;
  private boolean subscribed;
  private CompletableFuture<Map<Integer, Long>> resumeLoad;
  BatchWriter.Attempt inFlight;
  BatchInProgress failed;
  /** The fatal failure that stopped the loop, if any. */
  String fatalError;
  /** The last Kafka client failure outside poll; cleared by the next poll that works. */
  String kafkaError;
  long processed;
  long deadLettered;
  long batches;
  private long lastStatusNanos;
  private volatile boolean running = true;
  volatile boolean replaying;
  volatile Map<Integer, Long> applied = Map.of();

  ProjectionLoop(ProjectionSink sink, Consumer<byte[], byte[]> consumer, BatchWriter writer, String topic,
                 BatchPolicy policy, Backoff backoff, ProjectionMetrics metrics, LoopStatus statusWriter,
                 Function<List<ConsumerRecord<byte[], byte[]>>, List<DecodedRecord>> decoder) {
    this.sink = sink;
    this.consumer = consumer;
    this.writer = writer;
    this.topic = topic;
    this.policy = policy;
    this.store = new StoreHealth(sink.name(), backoff, metrics);
    this.metrics = metrics;
    this.statusWriter = statusWriter;
    this.decoding = new DecodeStage(sink.name(), decoder);
  }

  @Override
  public void run() {
    try {
      while (running) {
        try {
          step();
        } catch (FencedInstanceIdException e) {
          // Another process took over with the same instance id: this one must stop writing.
          LOG.error("projection {}: fenced by another instance with the same id; stopping", sink.name());
          fatalError = describe(e);
          return;
        } catch (KafkaException e) {
          // The broker is restarting or unreachable: nothing is lost (offsets live in the store), try again.
          kafkaError = describe(e);
          LOG.warn("projection {}: kafka: {}", sink.name(), kafkaError);
          sleep(1000);
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.error("projection {} stopped by an unexpected failure", sink.name(), e);
      fatalError = describe(e);
    } finally {
      shutdown();
    }
  }

  void stop() {
    running = false;
    consumer.wakeup();
  }

  /** Runs work on the poll thread, the only thread that may touch the consumer and the book-keeping. */
  void submit(Runnable command) {
    commands.add(command);
  }

  LoopControls controls() {
    return controls;
  }

  private void step() {
    long now = System.nanoTime();
    for (Runnable command; (command = commands.poll()) != null; ) {
      command.run();
    }
    if (!prepared) {
      prepare(now);
      statusWriter.publish(this, now, !prepared);
      sleep(10);
      return;
    }
    if (!subscribed) {
      consumer.subscribe(List.of(topic), new PartitionOwnership(this));
      subscribed = true;
    }
    try {
      accept(consumer.poll(Duration.ofNanos(pollTimeoutNanos(now))), System.nanoTime());
      kafkaError = null;
    } catch (WakeupException e) {
      return; // stop() or a command wants the thread; the loop condition decides
    }
    now = System.nanoTime();
    decoding.drainInto(pending);
    loadResumePoints(now);
    collectInFlight(now);
    controls.settled(inFlight);
    if (inFlight == null && controls.takeReload()) {
      reloadAll();
    }
    startNextBatch(now);
    controls.drained(inFlight == null && awaitingSeek.isEmpty(), applied);
    ConsumerFlow.hold(consumer, pending.size() + decoding.size() >= policy.maxEvents() || failed != null
        || controls.paused() || store.failing(), awaitingSeek);
    if (now - lastStatusNanos >= STATUS_EVERY_NANOS) {
      lastStatusNanos = now;
      statusWriter.publish(this, now, false);
    }
  }

  private long pollTimeoutNanos(long now) {
    if (inFlight != null || resumeLoad != null || decoding.size() > 0) {
      return TimeUnit.MILLISECONDS.toNanos(2);
    }
    long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(50), pending.nanosUntilDue(policy, now));
    if (failed != null) {
      wait = Math.min(wait, store.nanosUntilRetry(now));
    }
    return Math.max(TimeUnit.MILLISECONDS.toNanos(1), wait);
  }

  private void accept(ConsumerRecords<byte[], byte[]> records, long now) {
    List<ConsumerRecord<byte[], byte[]>> fresh = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      PartitionProgress progress = partitions.get(record.partition());
      if (progress == null || awaitingSeek.contains(record.partition()) || record.offset() < progress.fetchedNext) {
        continue; // fetched before a seek: the partition is read again from the store's resume point
      }
      fresh.add(record);
      progress.fetchedNext = record.offset() + 1;
    }
    decoding.submit(fresh, now);
  }

  private void prepare(long now) {
    if (preparing == null) {
      if (store.mayTry(now)) {
        preparing = BatchWriter.completable(sink.prepare());
      }
      return;
    }
    if (!preparing.isDone()) {
      return;
    }
    try {
      preparing.join();
      prepared = true;
      store.answered();
    } catch (CompletionException e) {
      store.failed("preparing tables", e.getCause(), now);
    }
    preparing = null;
  }

  private void loadResumePoints(long now) {
    if (awaitingSeek.isEmpty() || inFlight != null) {
      return;
    }
    if (resumeLoad == null) {
      if (failed == null && store.mayTry(now)) {
        resumeLoad = BatchWriter.completable(sink.resumeOffsets());
      }
      return;
    }
    if (!resumeLoad.isDone()) {
      return;
    }
    try {
      seekTo(resumeLoad.join());
      store.answered();
    } catch (CompletionException e) {
      store.failed("loading the resume point", e.getCause(), now);
    }
    resumeLoad = null;
  }

  private void seekTo(Map<Integer, Long> stored) {
    List<TopicPartition> fresh = awaitingSeek.stream().filter(p -> !stored.containsKey(p))
        .map(p -> new TopicPartition(topic, p)).toList();
    Map<TopicPartition, Long> beginnings = fresh.isEmpty() ? Map.of()
        : consumer.beginningOffsets(fresh, Duration.ofSeconds(30));
    for (int p : awaitingSeek) {
      TopicPartition tp = new TopicPartition(topic, p);
      long offset = stored.containsKey(p) ? stored.get(p) : beginnings.get(tp);
      consumer.seek(tp, offset);
      partitions.get(p).seekTo(offset);
    }
    LOG.info("projection {} resumes {}", sink.name(), awaitingSeek.stream()
        .map(p -> p + "@" + partitions.get(p).appliedNext).collect(Collectors.joining(", ")));
    awaitingSeek.clear();
    publishApplied();
  }

  private void startNextBatch(long now) {
    if (inFlight != null || controls.paused() || resumeLoad != null) {
      return;
    }
    if (failed != null) {
      if (store.mayTry(now)) {
        inFlight = writer.start(failed, true, appliedPositions());
      }
      return;
    }
    if (pending.due(policy, now)) {
      inFlight = writer.start(new BatchInProgress(pending.take(policy.maxEvents()), now), false, appliedPositions());
    }
  }

  private void collectInFlight(long now) {
    if (inFlight == null || !inFlight.result().isDone()) {
      return;
    }
    BatchWriter.Attempt attempt = inFlight;
    inFlight = null;
    try {
      attempt.result().join();
      applied(attempt.original());
    } catch (CompletionException e) {
      if (e.getCause() instanceof BatchWriter.ResumeGapException) {
        LOG.warn("projection {}: the store is behind what it acknowledged; reloading from its offsets", sink.name());
        reloadAll();
        return;
      }
      failed = attempt.original();
      store.failed("writing a batch of " + attempt.original().records.size(), e.getCause(), now);
    }
  }

  private void applied(BatchInProgress batch) {
    batch.batch.nextOffsets().forEach((p, next) -> {
      PartitionProgress progress = partitions.get(p);
      if (progress != null) {
        progress.appliedNext = Math.max(progress.appliedNext, next);
      }
    });
    batch.newestTimestamps().forEach((p, newest) -> {
      PartitionProgress progress = partitions.get(p);
      if (progress != null) {
        progress.lastAppliedTimestampMs = Math.max(progress.lastAppliedTimestampMs, newest);
      }
    });
    processed += batch.batch.events().size();
    deadLettered += batch.poison.size();
    batches++;
    metrics.batchApplied(batch, System.currentTimeMillis());
    failed = null;
    store.answered();
    publishApplied();
    ConsumerFlow.commitForMonitoring(consumer, topic, batch.batch.nextOffsets(), partitions.keySet());
  }

  /** Drops everything buffered and reads every partition again from the store's resume point. */
  void reloadAll() {
    pending.clear();
    decoding.clear();
    failed = null;
    awaitingSeek.addAll(partitions.keySet());
  }

  /** Partitions gone to another member (or lost): forget them, re-read the others from the store. */
  void forget(Collection<TopicPartition> gone) {
    gone.forEach(tp -> {
      partitions.remove(tp.partition());
      awaitingSeek.remove(tp.partition());
    });
    reloadAll();
    publishApplied();
  }

  private Map<Integer, Long> appliedPositions() {
    Map<Integer, Long> positions = new TreeMap<>();
    partitions.forEach((p, progress) -> positions.put(p, progress.appliedNext));
    return positions;
  }

  private void publishApplied() {
    Map<Integer, Long> snapshot = new TreeMap<>();
    partitions.forEach((p, progress) -> {
      if (progress.appliedNext >= 0) {
        snapshot.put(p, progress.appliedNext);
      }
    });
    applied = Map.copyOf(snapshot);
  }

  void awaitInFlight(Duration limit) {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.result().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // collected below as a failure, or still running: the next owner re-reads the store either way
    }
    collectInFlight(System.nanoTime());
    inFlight = null;
  }

  private void shutdown() {
    awaitInFlight(Duration.ofSeconds(30));
    try {
      consumer.close(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.warn("projection {}: consumer did not close cleanly: {}", sink.name(), e.toString());
    }
    writer.close();
    decoding.close();
    controls.stopped();
    statusWriter.stopped(this);
  }

  static String describe(Throwable e) {
    Throwable root = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
