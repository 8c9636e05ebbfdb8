package io.tally.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many callers on one order at once: the log keeps one gap-free sequence and the losers hear 409. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class ConcurrentCommandsTest {
  private static final String PATH = "/v1/tenants/acme/commands";
  private static CommandSide side;

  @BeforeAll
  static void start(TestKafka kafka, TestPostgres pg) {
    side = CommandSide.start(kafka, pg);
  }

  @AfterAll
  static void stop() {
    side.close();
  }

  @Test
  void ofAHundredConcurrentCommandsOnOneVersionExactlyOneWinsAndTheOthersHear409(TestKafka kafka) {
    String token = side.writer("acme");
    assertThat(side.api.postJson(PATH, token, Commands.place("race-place", "race-1", "40").encode()).status())
        .isEqualTo(201);
    List<CompletableFuture<ApiClient.Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      JsonObject command = (i % 2 == 0 ? Commands.pay("race-" + i, "race-1", "40") : Commands.cancel("race-" + i,
          "race-1")).put("expectedVersion", 1);
      calls.add(side.api.postJsonAsync(PATH, token, command.encode()));
    }
    List<ApiClient.Answer> answers = calls.stream().map(CompletableFuture::join).toList();

    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(99)
        .allSatisfy(a -> assertThat(a.json().getString("rule")).isEqualTo("expected-version.mismatch"));
    List<EventEnvelope> events = orderEvents(kafka, "race-1");
    assertThat(events).extracting(EventEnvelope::sequence).containsExactly(1L, 2L);
  }

  @Test
  void aHundredConcurrentRefundsAppendOneGapFreeSequenceAndNeverRefundTooMuch(TestKafka kafka) {
    String token = side.writer("acme");
    assertThat(side.api.postJson(PATH, token, Commands.place("refunds-place", "refunds-1", "100").encode())
        .status()).isEqualTo(201);
    assertThat(side.api.postJson(PATH, token, Commands.pay("refunds-pay", "refunds-1", "100").encode()).status())
        .isEqualTo(201);
    List<CompletableFuture<ApiClient.Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(side.api.postJsonAsync(PATH, token, Commands.refund("refund-" + i, "refunds-1", "1.50").encode()));
    }
    List<ApiClient.Answer> answers = calls.stream().map(CompletableFuture::join).toList();

    List<ApiClient.Answer> accepted = answers.stream().filter(a -> a.status() == 201).toList();
    assertThat(accepted).hasSize(66); // 66 x 1.50 = 99.00; a 67th would exceed the 100.00 paid
    assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(34)
        .allSatisfy(a -> assertThat(a.json().getString("rule")).isEqualTo("refund.exceeds-paid"));
    assertThat(accepted.stream().map(a -> a.json().getLong("version")).sorted().toList())
        .isEqualTo(LongStream.rangeClosed(3, 68).boxed().toList());

    List<EventEnvelope> events = orderEvents(kafka, "refunds-1");
    assertThat(events).extracting(EventEnvelope::sequence)
        .isEqualTo(LongStream.rangeClosed(1, 68).boxed().toList());
    BigDecimal refunded = events.stream().filter(e -> e.type().equals("OrderRefunded"))
        .map(e -> new BigDecimal(e.payload().get("amount").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(refunded).isEqualByComparingTo("99.00");
  }

  private static List<EventEnvelope> orderEvents(TestKafka kafka, String orderId) {
    return LogReader.events(kafka, side.topics.events()).stream()
        .filter(e -> e.tenant().equals("acme") && e.aggregateId().equals(orderId)).toList();
  }
}
