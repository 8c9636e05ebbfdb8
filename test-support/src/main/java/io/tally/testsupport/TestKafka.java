package io.tally.testsupport;

import io.tally.platform.LocalKafka;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's view of the JVM's one broker. Isolation comes from names no other test uses (topics, consumer
 * groups, transactional ids), never from deleting data. Client settings default to String keys and values;
 * put other (de)serializers into the returned Properties.
 */
public final class TestKafka {
  private final AtomicInteger names = new AtomicInteger();
  private volatile LocalKafka broker;

  TestKafka(LocalKafka broker) {
    this.broker = broker;
  }

  public String bootstrapServers() { return broker.bootstrapServers(); }

  /** Creates a topic no other test in this JVM uses and returns its name. */
  public String newTopic(int partitions) {
    String name = "test-topic-" + names.incrementAndGet();
    broker.createTopics(Map.of(name, partitions));
    return name;
  }

  /** Idempotent producer, acks=all: what the services use, so a test sees the same guarantees. */
  public Properties producerProperties() {
    Properties p = common();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return p;
  }

  /** A producer with a transactional id of its own; call initTransactions() before the first send. */
  public Properties transactionalProducerProperties() {
    Properties p = producerProperties();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-tx-" + names.incrementAndGet());
    return p;
  }

  /** read_committed from the earliest offset, in a group of its own, committing only when told to. */
  public Properties consumerProperties() {
    Properties p = common();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-group-" + names.incrementAndGet());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return p;
  }

  public Properties adminProperties() { return broker.adminProperties(); }

  /** The broker itself, for tests about the broker (pid, data folder); do not close it, restart it below. */
  public LocalKafka broker() { return broker; }

  /** Graceful stop and start on the same folder and port, so clients reconnect to the same address. */
  public synchronized void restartBroker() {
    broker.close();
    broker = LocalKafka.start(broker.dataDir(), broker.port());
  }

  /** kill -9 and start on the same folder and port: a crash, as a service would see it. */
  public synchronized void crashAndRestartBroker() {
    broker.kill();
    broker = LocalKafka.start(broker.dataDir(), broker.port());
  }

  synchronized void stop() { broker.close(); }

  private Properties common() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return p;
  }
}
