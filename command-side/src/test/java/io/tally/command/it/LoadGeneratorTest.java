package io.tally.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.command.load.LoadGenerator;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The load generator creates its tenants, plays lifecycles through the API and reports what happened. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class LoadGeneratorTest {
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
  void aShortRunCreatesTenantsAndPlaysLifecyclesWithoutErrors(TestKafka kafka) throws Exception {
    JsonObject summary = LoadGenerator.run(List.of("--url", "http://127.0.0.1:" + side.port, "--secret",
        CommandSide.SECRET, "--tenants", "3", "--tenant-prefix", "lg", "--rate", "100", "--duration", "4",
        "--warmup", "1"));
    assertThat(summary.getLong("errors")).isZero();
    assertThat(summary.getLong("invalid")).isZero();
    assertThat(summary.getLong("accepted")).isPositive(); // how many is a benchmark's business, not this test's
    assertThat(summary.getDouble("p99Ms")).isPositive();
    JsonObject tenants = side.api.get("/v1/admin/tenants", side.platformAdmin()).json();
    assertThat(tenants.getJsonArray("tenants").stream().map(t -> ((JsonObject) t).getString("id")))
        .contains("lg-1", "lg-2", "lg-3");
    long events = LogReader.events(kafka, side.topics.events()).stream()
        .filter(e -> e.tenant().startsWith("lg-")).count();
    assertThat(events).isGreaterThanOrEqualTo(summary.getLong("accepted"));
  }
}
