package io.tally.projection.replay;

import io.tally.projection.runtime.Backoff;
import io.tally.projection.runtime.DecodedRecord;
import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.projection.runtime.RecordDecoder;
import io.tally.projection.runtime.ReplayScope;
import io.tally.projection.runtime.RuntimeConfig;
import io.tally.projection.runtime.ShadowSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a projection into shadow tables from offset 0 while the live one keeps serving, then swaps.
 *
 * <p>The shadow never reads past the live view's applied offsets, so at any moment it is behind or level with the
 * live view. When it is close, the live projection is paused (reads go on, only freshness stops) at offsets L,
 * the shadow reads up to exactly L, and the swap happens with both at L: no event is in one view and not the
 * other, so the live projection just continues from L on the new tables. Poison met on the way is not copied to
 * the DLQ again (the live projection already did).
 */
final class ReplayJob implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayJob.class);

  private final String id;
  private final ProjectionRuntime live;
  private final ShadowSink shadow;
  private final ReplayScope scope;
  private final RuntimeConfig config;
  private final long maxRatePerSecond;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ShadowWriter writer;
  private final RateWindow rate = new RateWindow();
  private final Map<Integer, Long> begin = new HashMap<>();
  private final Map<Integer, Long> end = new HashMap<>();
  private final Map<Integer, Long> position = new HashMap<>();
  private final Instant startedAt = Instant.now();
  private List<TopicPartition> partitions = List.of();
  private volatile ReplayProgress progress;
  private volatile boolean cancelled;
  private long lastEndsNanos;
  private long rebuildStartNanos;
  private long scanned;

  ReplayJob(String id, ProjectionRuntime live, ReplayScope scope, RuntimeConfig config, long maxRatePerSecond) {
    this.id = id;
    this.live = live;
    this.shadow = live.sink().shadow(scope);
    this.scope = scope;
    this.config = config;
    this.maxRatePerSecond = maxRatePerSecond;
    this.writer = new ShadowWriter(shadow, scope, live.erasedTenants(), new Backoff(config.retryInitial().toMillis(),
        config.retryMax().toMillis()), () -> cancelled);
    this.consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.progress = snapshot(ReplayPhase.PREPARING, null);
  }

  ReplayProgress progress() {
    return progress;
  }

  void cancel() {
    cancelled = true;
  }

  @Override
  public void run() {
    boolean livePaused = false;
    try {
      writer.retrying("creating shadow tables", shadow::create);
      live.replaying(true);
      partitions = consumer.partitionsFor(config.topic(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.beginningOffsets(partitions).forEach((tp, o) -> {
        begin.put(tp.partition(), o);
        position.put(tp.partition(), o);
      });
      consumer.seekToBeginning(partitions);
      progress = snapshot(ReplayPhase.REBUILDING, null);
      rebuildStartNanos = System.nanoTime();
      rebuild(live::appliedOffsets, false);
      progress = snapshot(ReplayPhase.SWAPPING, null);
      Map<Integer, Long> liveOffsets = live.pauseAndDrain().toCompletionStage().toCompletableFuture()
          .get(5, TimeUnit.MINUTES);
      livePaused = true;
      rebuild(() -> liveOffsets, true);
      ShadowWriter.await(shadow.swap());
      scanned = total();
      progress = snapshot(ReplayPhase.DONE, null);
      LOG.info("replay {} of {} ({}) swapped in: {} events applied", id, live.name(), scope, writer.applied);
    } catch (Exception | Error e) {
      LOG.error("replay {} of {} failed; the live view is unchanged", id, live.name(), e);
      progress = snapshot(ReplayPhase.FAILED, String.valueOf(e.getMessage()));
      try {
        ShadowWriter.await(shadow.discard());
      } catch (Exception discardFailed) {
        LOG.warn("replay {}: shadow tables not dropped ({}); the next replay drops them", id, discardFailed.toString());
      }
    } finally {
      if (livePaused) {
        live.reload(); // the live sink re-reads its resume point, whichever tables it now has
        live.resume();
      }
      live.replaying(false);
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Reads and applies until the shadow is level with bound (exact) or within one batch of it. bound only grows:
   * it is the live view's applied offsets, or the fixed offsets the live view was paused at.
   */
  private void rebuild(Supplier<Map<Integer, Long>> boundSource, boolean exact) throws Exception {
    List<DecodedRecord> batch = new ArrayList<>();
    long batchStarted = System.nanoTime();
    while (true) {
      if (cancelled) {
        throw new IllegalStateException("replay cancelled");
      }
      Map<Integer, Long> bound = boundSource.get();
      holdAtBound(bound);
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
        if (r.offset() >= bound.getOrDefault(r.partition(), 0L)) {
          consumer.seek(new TopicPartition(r.topic(), r.partition()), bound.getOrDefault(r.partition(), 0L));
          continue; // fetched ahead of the live view: read again once the live view has it
        }
        if (r.offset() < position.get(r.partition())) {
          continue;
        }
        if (batch.isEmpty()) {
          batchStarted = System.nanoTime();
        }
        batch.add(RecordDecoder.decode(r));
        position.put(r.partition(), r.offset() + 1);
        scanned++;
      }
      boolean level = level(bound);
      boolean due = batch.size() >= config.policy().maxEvents()
          || (!batch.isEmpty() && (level || System.nanoTime() - batchStarted > config.policy().maxWait().toNanos()));
      if (exact && level) {
        writer.write(batch, bound);
        return;
      }
      if (due) {
        writer.write(batch, null);
        batch.clear();
        throttle();
      }
      publish();
      if (!exact && batch.isEmpty() && remaining(bound) <= config.policy().maxEvents() && !bound.isEmpty()) {
        return;
      }
    }
  }

  private void holdAtBound(Map<Integer, Long> bound) {
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      (consumer.position(tp) >= bound.getOrDefault(tp.partition(), 0L) ? pause : resume).add(tp);
    }
    consumer.pause(pause);
    consumer.resume(resume);
  }

  private boolean level(Map<Integer, Long> bound) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < bound.getOrDefault(tp.partition(), 0L)) {
        return false;
      }
    }
    return true;
  }

  private long remaining(Map<Integer, Long> bound) {
    long rest = 0;
    for (TopicPartition tp : partitions) {
      rest += Math.max(0, bound.getOrDefault(tp.partition(), 0L) - consumer.position(tp));
    }
    return rest;
  }

  private void throttle() throws InterruptedException {
    if (maxRatePerSecond <= 0) {
      return;
    }
    long due = rebuildStartNanos + (long) (scanned * 1e9 / maxRatePerSecond);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private void publish() {
    long now = System.nanoTime();
    if (now - lastEndsNanos > TimeUnit.SECONDS.toNanos(1)) {
      lastEndsNanos = now;
      consumer.endOffsets(partitions).forEach((tp, o) -> end.put(tp.partition(), o));
    }
    rate.record(now, scanned);
    progress = snapshot(progress.phase(), null);
  }

  private long total() {
    long total = 0;
    for (Map.Entry<Integer, Long> e : end.entrySet()) {
      total += Math.max(0, e.getValue() - begin.getOrDefault(e.getKey(), 0L));
    }
    return Math.max(total, scanned);
  }

  private ReplayProgress snapshot(ReplayPhase phase, String error) {
    return new ReplayProgress(id, live.name(), scope.toString(), phase, scanned, total(), writer.applied,
        writer.poisonSkipped,
        rate.perSecond(), startedAt, phase.active() ? null : Instant.now(), error);
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tally-replay-" + live.name());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.max(500, Math.min(config.policy().maxEvents(), 20_000))));
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
    return p;
  }
}
