package io.tally.lake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.events.EventEnvelope;
import io.tally.lake.LakeLock;
import io.tally.lake.LakeTables;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The log lands in the lake exactly once, on a real broker, Postgres catalog and S3 server. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, S3Extension.class})
class LakeExactlyOnceTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @Test
  void rowsAreTheDistinctEventsOfTheLogHoweverOftenItIsRead(TestKafka kafka, TestPostgres pg, TestS3 s3)
      throws Exception {
    try (TestLake t = TestLakes.create(kafka, pg, s3)) {
      List<EventEnvelope> events = new ArrayList<>(OrderLog.orders("acme", "a", 30, DAY, "EUR"));
      events.addAll(OrderLog.orders("globex", "g", 20, DAY, "USD"));
      t.writer().committed(events);
      t.writer().aborted(OrderLog.orders("acme", "ghost", 5, DAY, "EUR"));
      t.writer().plain(events.subList(0, 3)); // an at-least-once producer wrote these again
      t.writer().poison("acme", events.get(0));

      LakeRun.Report first = t.compact();
      long inLog = LogContents.eventIds(kafka, t.topic()).size();
      assertThat(inLog).isEqualTo(events.size());
      assertThat(first.added()).isEqualTo(inLog);
      assertThat(first.duplicates()).isEqualTo(3);
      assertThat(first.rejected()).isEqualTo(3);
      assertThat(t.count(LakeTables.EVENTS)).isEqualTo(inLog);
      assertThat(t.sql("SELECT count(DISTINCT event_id) FROM {lake}.events").get(0).getLong(0)).isEqualTo(inLog);
      assertThat(t.sql("SELECT count(*) FROM {lake}.events WHERE order_id LIKE 'ghost-%'").get(0).getLong(0))
          .as("aborted transactions never reach the lake").isZero();
      assertThat(t.sql("SELECT reason FROM {lake}.rejected ORDER BY kafka_offset").stream().map(r -> r.getString(0)))
          .containsExactly("unparseable", "unknown-version", "schema-invalid");
      assertThat(t.sql("SELECT count(*) FROM {lake}.events WHERE written_version = 1 AND currency = 'EUR'")
          .get(0).getLong(0)).as("v1 events upcast: the currency filled in").isPositive();

      Table table = t.table(LakeTables.EVENTS);
      long snapshot = table.currentSnapshot().snapshotId();
      LogPositions log = LogPositions.read(kafka.bootstrapServers(), t.topic());
      assertThat(CommittedOffsets.of(table)).as("position in the commit that added the data").contains(log.end());
      assertThat(table.currentSnapshot().summary()).as("and the range it read")
          .containsEntry(LakeTables.OFFSETS_FROM_PROPERTY, log.beginning().toJson())
          .containsEntry("added-records", Long.toString(inLog));

      LakeRun.Report second = t.compact();
      assertThat(second.records()).isZero();
      assertThat(t.table(LakeTables.EVENTS).currentSnapshot().snapshotId()).as("no commit at all").isEqualTo(snapshot);

      // A lost position (here: reset to the start of the log) replays everything: MERGE absorbs it.
      t.table(LakeTables.EVENTS).newAppend().set(LakeTables.OFFSETS_PROPERTY, KafkaOffsets.none(t.topic()).toJson())
          .commit();
      LakeRun.Report replay = t.compact();
      assertThat(replay.records()).isGreaterThan(inLog);
      assertThat(replay.added()).isZero();
      assertThat(t.count(LakeTables.EVENTS)).isEqualTo(inLog);
      assertThat(t.count(LakeTables.REJECTED)).isEqualTo(3);

      assertPlainIcebergReadsParquet(t.table(LakeTables.EVENTS), inLog);
      assertThat(t.sql("SELECT tenant, count(*) FROM {lake}.order_state GROUP BY tenant ORDER BY tenant").stream()
          .map(r -> r.getString(0) + "=" + r.getLong(1)).collect(Collectors.toList()))
          .containsExactly("acme=30", "globex=20");
    }
  }

  @Test
  void aSecondWriterWaitsForTheFirst(TestKafka kafka, TestPostgres pg, TestS3 s3) throws Exception {
    try (TestLake t = TestLakes.create(kafka, pg, s3); LakeLock held = LakeLock.acquire(t.lake().settings())) {
      assertThatThrownBy(t::compact).isInstanceOf(LakeLock.LakeBusyException.class);
    }
  }

  /** iceberg-data alone (no Spark) reads every row, and every data file is Parquet (magic bytes PAR1). */
  private static void assertPlainIcebergReadsParquet(Table table, long expectedRows) throws Exception {
    long rows = 0;
    try (CloseableIterable<Record> all = IcebergGenerics.read(table).build()) {
      for (Record ignored : all) {
        rows++;
      }
    }
    assertThat(rows).isEqualTo(expectedRows);
    List<String> magics = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        assertThat(file.format().name()).isEqualTo("PARQUET");
        try (InputStream in = table.io().newInputFile(file.location()).newStream()) {
          magics.add(new String(in.readNBytes(4), StandardCharsets.US_ASCII));
        }
      }
    }
    assertThat(magics).isNotEmpty().allMatch("PAR1"::equals);
  }
}
