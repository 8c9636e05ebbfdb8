package io.tally.projection.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.projection.dlq.DeadLetterWriter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One projection: a sink fed from the events topic by its own poll thread. Deploy one per projection. The
 * controls (pause, resume, reload) are what a replay needs to swap a rebuilt view in without losing an event.
 */
public final class ProjectionRuntime extends VerticleBase {
  private final ProjectionSink sink;
  private final RuntimeConfig config;
  private final MeterRegistry registry;
  private final LoopStatus status;
  private final Function<List<ConsumerRecord<byte[], byte[]>>, List<DecodedRecord>> decoder;
  private final ErasedTenants erased;
  private ProjectionLoop loop;
  private Thread thread;

  public ProjectionRuntime(ProjectionSink sink, RuntimeConfig config, MeterRegistry registry) {
    this(sink, config, registry, RecordDecoder::decodeAll);
  }

  /** With another decoder: how tests play an older build that dead-letters what this one can read. */
  public ProjectionRuntime(ProjectionSink sink, RuntimeConfig config, MeterRegistry registry,
                           Function<List<ConsumerRecord<byte[], byte[]>>, List<DecodedRecord>> decoder) {
    this(sink, config, registry, decoder, ErasedTenants.none());
  }

  /** As the service runs it: erased tenants' records are dropped (the register is shared by every projection). */
  public ProjectionRuntime(ProjectionSink sink, RuntimeConfig config, MeterRegistry registry,
                           Function<List<ConsumerRecord<byte[], byte[]>>, List<DecodedRecord>> decoder,
                           ErasedTenants erased) {
    this.decoder = decoder;
    this.erased = erased;
    this.sink = sink;
    this.config = config;
    this.registry = registry;
    this.status = new LoopStatus(ProjectionStatus.starting(sink.name(), config.topic(), config.policy()));
  }

  @Override
  public Future<?> start() {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    DeadLetterWriter deadLetters = new DeadLetterWriter(config.bootstrap(), config.dlqTopic(), sink.name(),
        Clock.systemUTC());
    ProjectionMetrics metrics = new ProjectionMetrics(registry, sink.name(), status::current);
    loop = new ProjectionLoop(sink, consumer, new BatchWriter(sink, deadLetters, erased), config.topic(),
        config.policy(), new Backoff(config.retryInitial().toMillis(), config.retryMax().toMillis()), metrics,
        status, records -> RecordDecoder.held(decoder.apply(records), sink::held));
    thread = new Thread(loop, "projection-" + sink.name());
    thread.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    loop.stop();
    return vertx.executeBlocking(() -> {
      thread.join(60_000);
      return null;
    });
  }

  public String name() {
    return sink.name();
  }

  public ProjectionSink sink() {
    return sink;
  }

  /** Tenants whose records this projection drops; replays of it drop them too. */
  public ErasedTenants erasedTenants() {
    return erased;
  }

  /**
   * Completes once the batch in flight now (if any) has been written or has failed. Every write after that
   * filters with the register as it is now: what a tenant erasure waits for before it deletes.
   */
  public Future<Void> settle() {
    if (thread == null || !thread.isAlive()) {
      return Future.succeededFuture(); // nothing is or will be written by a loop that is not running
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.submit(() -> loop.controls().settle(loop.inFlight, done));
    return Future.fromCompletionStage(done);
  }

  public ProjectionStatus status() {
    return status.current();
  }

  /** Next offset per partition the store has applied; what a replay must reach before it may swap. */
  public Map<Integer, Long> appliedOffsets() {
    return loop.applied;
  }

  /**
   * Stops taking batches and completes, with the applied offsets, once nothing is in flight. Until
   * {@link #resume()}, the store's offsets do not move.
   */
  public Future<Map<Integer, Long>> pauseAndDrain() {
    CompletableFuture<Map<Integer, Long>> drained = new CompletableFuture<>();
    loop.submit(() -> loop.controls().pauseAndDrain(drained));
    return Future.fromCompletionStage(drained);
  }

  public void resume() {
    loop.submit(() -> loop.controls().resume());
  }

  /** Forgets everything buffered and re-reads every partition from the store's resume point (after a swap). */
  public void reload() {
    loop.submit(() -> loop.controls().requestReload());
  }

  /**
   * Marks a replay as running or finished. Finishing goes through the poll thread's queue, after the replay's
   * resume, so the status never shows the swap's pause once the replay is over.
   */
  public void replaying(boolean active) {
    if (active) {
      loop.replaying = true;
    } else {
      loop.submit(() -> loop.replaying = false);
    }
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tally-projection-" + sink.name());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.max(500, Math.min(config.policy().maxEvents(), 20_000))));
    // Catch-up reads a few thousand records per partition and fetch; more only sits in the client's buffers as
    // live heap that every young collection copies (64 MiB of it: more collection, fewer events/s).
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(2 * 1024 * 1024));
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
    config.instanceId().ifPresent(id -> p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id + "-" + sink.name()));
    // A member that stops heart-beating (kill -9, a lost machine) hands its partitions on after 15 s.
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "15000");
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
    return p;
  }
}
