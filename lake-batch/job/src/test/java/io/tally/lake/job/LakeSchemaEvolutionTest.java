package io.tally.lake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.lake.LakeSchemas;
import io.tally.lake.LakeTables;
import io.tally.lake.PayloadField;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new payload field (here: OrderShipped's carrier and trackingId, as if the previous build did not know them)
 * adds columns to the events table without rewriting a data file, and the earlier snapshot still reads with the
 * schema it was written with.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, S3Extension.class})
class LakeSchemaEvolutionTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final List<PayloadField> BEFORE = LakeSchemas.PAYLOAD_FIELDS.stream()
      .filter(f -> !f.json().equals("carrier") && !f.json().equals("trackingId")).toList();

  @Test
  void aNewFieldEvolvesTheTableAndOldSnapshotsStillRead(TestKafka kafka, TestPostgres pg, TestS3 s3)
      throws Exception {
    try (TestLake t = TestLakes.create(kafka, pg, s3)) {
      var first = OrderLog.orders("acme", "a", 12, DAY, "EUR");
      t.writer().committed(first);
      new LakeRun(t.lake(), BEFORE).compact();
      Table before = t.table(LakeTables.EVENTS);
      assertThat(before.schema().findField("tracking_id")).isNull();
      long oldSnapshot = before.currentSnapshot().snapshotId();
      Set<String> oldFiles = files(before);

      t.writer().committed(OrderLog.orders("acme", "b", 12, DAY, "EUR"));
      LakeRun.Report evolved = t.compact();
      assertThat(evolved.addedColumns()).containsExactly("carrier", "tracking_id");
      Table after = t.table(LakeTables.EVENTS);
      assertThat(files(after)).as("the old data files are still the table's, unrewritten").containsAll(oldFiles);

      assertThat(t.sql("SELECT count(*) FROM {lake}.events WHERE order_id LIKE 'b-%' AND type = 'OrderShipped'"
          + " AND tracking_id IS NOT NULL").get(0).getLong(0)).as("b-3, b-6, b-9 shipped").isEqualTo(3);
      assertThat(t.sql("SELECT count(*) FROM {lake}.events WHERE order_id LIKE 'a-%' AND tracking_id IS NOT NULL")
          .get(0).getLong(0)).as("rows written before the column existed read as null").isZero();

      var old = t.lake().spark().sql("SELECT * FROM " + t.lake().sql(LakeTables.EVENTS) + " VERSION AS OF "
          + oldSnapshot);
      assertThat(Arrays.asList(old.columns())).doesNotContain("tracking_id").contains("event_id", "amount");
      assertThat(old.count()).isEqualTo(first.size());
    }
  }

  private static Set<String> files(Table table) throws Exception {
    Set<String> files = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> files.add(task.file().location()));
    }
    return files;
  }
}
