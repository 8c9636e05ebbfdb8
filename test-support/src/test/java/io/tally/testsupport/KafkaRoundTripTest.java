package io.tally.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Records go through the real broker the way the services use it: keyed, acked by all, read committed. */
@ExtendWith(KafkaExtension.class)
class KafkaRoundTripTest {

  @Test
  void anAckedRecordIsReadBack(TestKafka kafka) throws Exception {
    String topic = kafka.newTopic(3);
    RecordMetadata acked;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
      acked = producer.send(new ProducerRecord<>(topic, "acme/o-1", "OrderPlaced")).get();
    }

    List<ConsumerRecord<String, String>> read = Consume.until(kafka.consumerProperties(), topic, "OrderPlaced");

    ConsumerRecord<String, String> record = read.get(read.size() - 1);
    assertThat(record.key()).isEqualTo("acme/o-1");
    assertThat(record.partition()).isEqualTo(acked.partition());
    assertThat(record.offset()).isEqualTo(acked.offset());
  }

  @Test
  void readCommittedSeesCommittedTransactionsAndNotAbortedOnes(TestKafka kafka) throws Exception {
    String topic = kafka.newTopic(1);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.transactionalProducerProperties())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "acme/o-2", "aborted")).get();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "acme/o-2", "committed"));
      producer.commitTransaction();
    }

    // One partition: "committed" lies after "aborted", so reaching it means the aborted record was passed over.
    assertThat(Consume.values(Consume.until(kafka.consumerProperties(), topic, "committed")))
        .containsExactly("committed");

    // The aborted record did reach the log; only the isolation level hides it.
    Properties uncommitted = kafka.consumerProperties();
    uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    assertThat(Consume.values(Consume.until(uncommitted, topic, "committed"))).containsExactly("aborted", "committed");
  }

  @Test
  void anAckedRecordSurvivesABrokerCrash(TestKafka kafka) throws Exception {
    String topic = kafka.newTopic(2);
    long crashedPid = kafka.broker().pid();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
      producer.send(new ProducerRecord<>(topic, "acme/o-3", "before-crash")).get();
    }

    kafka.crashAndRestartBroker();

    assertThat(ProcessHandle.of(crashedPid).filter(ProcessHandle::isAlive)).as("killed with -9").isEmpty();
    assertThat(Consume.values(Consume.until(kafka.consumerProperties(), topic, "before-crash")))
        .containsExactly("before-crash");
    System.out.printf("kafka restart after kill -9 on an existing folder: %d ms%n",
        kafka.broker().startedIn().toMillis());
  }
}
