package io.tally.lake.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The log between two positions, decoded: one Spark task per partition with records to read, each with its own
 * read_committed consumer (aborted transactions never reach the lake) handing every record straight to the
 * decoder. Spark's Kafka source would first turn each record and its headers into a row for the decoder to take
 * apart again; with the fetch, a quarter of the read stage in a profile.
 */
final class LogReader implements FlatMapFunction<Iterator<LogReader.Slice>, Row> {
  /** A partition's offsets [from, until); until is at or before the last stable offset. */
  record Slice(int partition, long from, long until) implements Serializable {}

  /** How long a task waits for records it knows are there (a broker restarting) before failing the run. */
  private static final Duration STALL = Duration.ofMinutes(2);

  private final String bootstrap;
  private final String topic;
  private final EventDecoder decoder;

  LogReader(String bootstrap, String topic, EventDecoder decoder) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.decoder = decoder;
  }

  static Dataset<Row> decoded(SparkSession spark, String bootstrap, KafkaOffsets start, KafkaOffsets end,
                              EventDecoder decoder, StructType schema) {
    List<Slice> slices = new ArrayList<>();
    end.next().forEach((p, until) -> {
      long from = start.of(p, 0L);
      if (until > from) {
        slices.add(new Slice(p, from, until));
      }
    });
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(slices, Math.max(1, slices.size()))
        .mapPartitions(new LogReader(bootstrap, end.topic(), decoder));
    return spark.createDataFrame(rows, schema);
  }

  @Override
  public Iterator<Row> call(Iterator<Slice> slices) {
    return new Iterator<>() {
      private Iterator<Row> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && slices.hasNext()) {
          current = read(slices.next());
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private Iterator<Row> read(Slice slice) {
    KafkaConsumer<byte[], byte[]> consumer = consumer();
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) t -> consumer.close());
    }
    TopicPartition tp = new TopicPartition(topic, slice.partition());
    consumer.assign(List.of(tp));
    consumer.seek(tp, slice.from());
    return new Iterator<>() {
      private Iterator<ConsumerRecord<byte[], byte[]>> batch = Collections.emptyIterator();
      private ConsumerRecord<byte[], byte[]> next;
      private boolean done;
      private boolean closed;

      @Override
      public boolean hasNext() {
        while (next == null && !done) {
          if (batch.hasNext()) {
            ConsumerRecord<byte[], byte[]> r = batch.next();
            if (r.offset() < slice.until()) {
              next = r;
            } else {
              done = true;
            }
          } else if (consumer.position(tp) >= slice.until()) {
            done = true;
          } else {
            batch = poll(consumer, tp, slice);
          }
        }
        if (done && next == null && task == null && !closed) {
          closed = true; // outside a Spark task (tests): nothing else would close it
          consumer.close();
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ConsumerRecord<byte[], byte[]> r = next;
        next = null;
        return decoder.decode(r);
      }
    };
  }

  private static Iterator<ConsumerRecord<byte[], byte[]>> poll(KafkaConsumer<byte[], byte[]> consumer,
                                                               TopicPartition tp, Slice slice) {
    long deadline = System.nanoTime() + STALL.toNanos();
    long at = consumer.position(tp);
    while (System.nanoTime() < deadline) {
      var records = consumer.poll(Duration.ofMillis(500)).records(tp);
      // In read_committed a poll may only step over aborted records and transaction markers: progress too.
      if (!records.isEmpty() || consumer.position(tp) >= slice.until()) {
        return records.iterator();
      }
      if (consumer.position(tp) > at) {
        at = consumer.position(tp);
        deadline = System.nanoTime() + STALL.toNanos();
      }
    }
    throw new IllegalStateException("no records from " + tp + " at offset " + at + " for " + STALL.toSeconds()
        + " s, though the log's committed end is " + slice.until());
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Records deleted by retention since the run took its positions fail the run rather than go missing.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
