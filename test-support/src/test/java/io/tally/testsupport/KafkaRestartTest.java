package io.tally.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalKafka;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher restarts the broker on the same folder; every acked record must still be there. */
class KafkaRestartTest {

  @Test
  void aRestartOnTheSameFolderKeepsAckedRecords(@TempDir Path folder) throws Exception {
    int port = FreePorts.next();
    Duration fresh;
    long firstPid;
    try (LocalKafka kafka = LocalKafka.start(folder, port)) {
      fresh = kafka.startedIn();
      firstPid = kafka.pid();
      kafka.createTopics(Map.of("orders.events", 3));
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(TestClients.producer(kafka))) {
        producer.send(new ProducerRecord<>("orders.events", "acme/o-1", "OrderPlaced")).get();
      }
    }
    assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).as("stopped by close()").isEmpty();

    try (LocalKafka kafka = LocalKafka.start(folder, port)) {
      assertThat(Consume.values(Consume.until(TestClients.consumer(kafka), "orders.events", "OrderPlaced")))
          .containsExactly("OrderPlaced");
      kafka.createTopics(Map.of("orders.events", 3)); // exists with that count: nothing to do
      assertThatThrownBy(() -> kafka.createTopics(Map.of("orders.events", 5)))
          .hasMessageContaining("exists with 3 partitions");
      System.out.printf("kafka start: fresh folder (format + start) %d ms, existing folder %d ms%n",
          fresh.toMillis(), kafka.startedIn().toMillis());
    }
  }

  @Test
  void refusesAPortSomethingElseListensOn(@TempDir Path folder) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalKafka.start(folder, taken.getLocalPort())).hasMessageContaining("taken");
    }
  }
}
