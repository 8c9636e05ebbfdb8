package io.tally.lake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.lake.LakeCatalog;
import io.tally.lake.LakeSettings;
import io.tally.lake.LakeTables;
import io.tally.lake.read.AsOf;
import io.tally.lake.read.DailyRevenueHistory;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the job's JVM in the middle of a run, twice (while it merges events, and after events and silver
 * are committed but gold is not), then a run to the end: the lake holds exactly the log's events, and gold
 * catches up. Checked with plain Iceberg reads, not Spark.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, S3Extension.class})
class LakeCrashTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @Test
  void aRunKilledMidwayAndRunAgainLeavesExactlyTheLogsEvents(TestKafka kafka, TestPostgres pg, TestS3 s3,
                                                           @TempDir Path dir) throws Exception {
    String topic = kafka.newTopic(TestLakes.PARTITIONS);
    String bucket = s3.newBucket();
    LakeSettings settings = new LakeSettings(kafka.bootstrapServers(), topic, pg.jdbcUrl(pg.newDatabase()),
        pg.user(), pg.password(), s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.region(),
        "s3://" + bucket + "/warehouse");
    OrderLogWriter writer = new OrderLogWriter(kafka, topic);
    List<EventEnvelope> events = new ArrayList<>(OrderLog.orders("acme", "a", 40, DAY, "EUR"));
    writer.committed(events);

    String first = LakeJobProcess.killDuring(settings, dir, "killed-merging", "merging");
    assertThat(first).doesNotContain("compacted");

    List<EventEnvelope> later = OrderLog.orders("acme", "b", 15, DAY.plusDays(2), "EUR");
    writer.committed(later);
    events.addAll(later);
    String second = LakeJobProcess.killDuring(settings, dir, "killed-gold", "orders.daily_revenue for");
    assertThat(second).doesNotContain("compacted");

    String third = LakeJobProcess.complete(settings, dir, "to-the-end");
    assertThat(third).contains("compacted").containsPattern("daily_revenue for [1-9]");

    try (JdbcCatalog catalog = LakeCatalog.open(settings)) {
      Table table = catalog.loadTable(LakeTables.id(LakeTables.EVENTS));
      List<String> ids = new ArrayList<>();
      try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select("event_id").build()) {
        rows.forEach(r -> ids.add((String) r.getField("event_id")));
      }
      Set<String> inLog = LogContents.eventIds(kafka, topic);
      assertThat(inLog).hasSize(events.size());
      assertThat(ids).hasSize(inLog.size());
      assertThat(new HashSet<>(ids)).isEqualTo(inLog);
      assertThat(new DailyRevenueHistory(catalog).read("acme", AsOf.latest()).days())
          .isEqualTo(new Expected(events).dailyRevenue("acme"));
    }
  }
}
