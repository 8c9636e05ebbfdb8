package io.tally.command.decider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decider's thread: poll a batch of commands, decide them all, write one transaction, repeat. One plain
 * KafkaConsumer and one transactional KafkaProducer, both used only here.
 *
 * <p>Failures: anything before the commit aborts the transaction and rewinds to the committed offsets, memory
 * untouched (plans are applied only after a commit). A fenced producer or a commit of unknown result is met with
 * a fresh producer (whose initTransactions settles the old transaction), a rewind and a rebuild from the log.
 */
final class DeciderLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(DeciderLoop.class);

  private final DeciderClients clients;
  private final String commandsTopic;
  private final BatchDecider decider;
  private final DeciderTransaction transaction;
  private final DeciderMemory memory;
  private final DeciderRebalance rebalance;
  private final DeciderMetrics metrics;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;
  private volatile boolean running = true;
  volatile String state = "starting";

  DeciderLoop(DeciderClients clients, String commandsTopic, BatchDecider decider, DeciderTransaction transaction,
              DeciderMemory memory, DeciderRebalance rebalance, DeciderMetrics metrics) {
    this.clients = clients;
    this.commandsTopic = commandsTopic;
    this.decider = decider;
    this.transaction = transaction;
    this.memory = memory;
    this.rebalance = rebalance;
    this.metrics = metrics;
    this.consumer = new KafkaConsumer<>(clients.commandConsumer());
  }

  @Override
  public void run() {
    try {
      producer = newProducer();
      consumer.subscribe(List.of(commandsTopic), rebalance);
      state = "running";
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
          process(records);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      state = "failed: " + e;
      LOG.error("decider stopped", e);
      throw e;
    } finally {
      closeQuietly();
      if (state.equals("running")) {
        state = "stopped";
      }
    }
  }

  void stop() {
    running = false;
    consumer.wakeup();
  }

  private void process(ConsumerRecords<byte[], byte[]> records) {
    BatchPlan plan = decider.plan(records);
    long t0 = System.nanoTime();
    try {
      Map<Step, Long> outcomeOffsets = transaction.run(producer, plan, consumer.groupMetadata());
      memory.apply(plan, outcomeOffsets);
      metrics.committed(plan, System.nanoTime() - t0);
      metrics.orders.set(memory.orderCount());
    } catch (DeciderTransaction.CommitUncertain | ProducerFencedException | OutOfOrderSequenceException
             | AuthorizationException | InvalidProducerEpochException | IllegalStateException e) {
      metrics.aborted("fenced-or-uncertain");
      LOG.warn("transaction failed beyond abort ({}); new producer, rewind, rebuild", e.toString());
      recover();
    } catch (KafkaException e) {
      metrics.aborted(e.getClass().getSimpleName());
      LOG.warn("transaction aborted ({}); rewinding to the committed offsets", e.toString());
      try {
        producer.abortTransaction();
        rewind();
      } catch (KafkaException | IllegalStateException again) {
        recover();
      }
      pause(100);
    }
  }

  /** Fresh producer first: its initTransactions settles our old transaction, so offsets and the log are stable. */
  private void recover() {
    producer.close(Duration.ZERO);
    pause(200);
    producer = newProducer();
    rewind();
    rebalance.rebuild(List.copyOf(memory.owned()));
  }

  private void rewind() {
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    for (TopicPartition tp : assigned) {
      OffsetAndMetadata offset = committed.get(tp);
      if (offset == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, offset.offset());
      }
    }
  }

  private KafkaProducer<byte[], byte[]> newProducer() {
    KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(clients.transactionalProducer());
    p.initTransactions();
    return p;
  }

  private void closeQuietly() {
    try {
      consumer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.debug("closing the consumer: {}", e.toString());
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
