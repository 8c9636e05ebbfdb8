package io.tally.lake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.lake.LakeTables;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Maintenance rewrites small files into fewer, expires snapshots past the retention and removes files no snapshot
 * references, without changing a row and without losing the Kafka position the next run starts from.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, S3Extension.class})
class LakeMaintenanceTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @Test
  void compactsExpiresAndRemovesOrphansWithoutChangingData(TestKafka kafka, TestPostgres pg, TestS3 s3)
      throws Exception {
    try (TestLake t = TestLakes.create(kafka, pg, s3)) {
      for (int run = 0; run < 3; run++) {
        t.writer().committed(OrderLog.orders("acme", "r" + run, 6, DAY, "EUR"));
        t.compact();
      }
      Table events = t.table(LakeTables.EVENTS);
      long rows = t.count(LakeTables.EVENTS);
      long revenueRows = t.count(LakeTables.DAILY_REVENUE);
      KafkaOffsets position = CommittedOffsets.of(events).orElseThrow();
      assertThat(events.snapshots()).hasSizeGreaterThan(1);
      URI orphan = URI.create(events.location() + "/data/left-by-a-killed-run.parquet");
      try (S3Client client = s3.s3Client()) {
        client.putObject(b -> b.bucket(orphan.getHost()).key(orphan.getPath().substring(1)),
            RequestBody.fromString("not referenced by any snapshot"));
      }

      LakeMaintenance.Report report = new LakeMaintenance(t.lake(),
          new MaintenanceSettings(Duration.ZERO, 1, Duration.ZERO, 2)).run();
      LakeMaintenance.TableReport eventsReport = report.tables().stream()
          .filter(r -> r.table().equals(LakeTables.EVENTS)).findFirst().orElseThrow();
      assertThat(eventsReport.filesAfter()).isLessThan(eventsReport.filesBefore());
      assertThat(eventsReport.orphansRemoved()).isPositive();
      assertThat(t.count(LakeTables.EVENTS)).isEqualTo(rows);
      assertThat(t.count(LakeTables.DAILY_REVENUE)).isEqualTo(revenueRows);
      assertThat(t.table(LakeTables.EVENTS).snapshots()).hasSize(1);
      try (S3Client client = s3.s3Client()) {
        assertThat(client.listObjectsV2(b -> b.bucket(orphan.getHost()).prefix(orphan.getPath().substring(1)))
            .contents()).isEmpty();
      }
      assertThat(CommittedOffsets.of(t.table(LakeTables.EVENTS))).contains(position);
      assertThat(t.compact().records()).as("the next run starts where the last one ended").isZero();
    }
  }
}
