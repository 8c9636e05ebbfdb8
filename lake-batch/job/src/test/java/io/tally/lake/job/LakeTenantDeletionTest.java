package io.tally.lake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.lake.LakeTables;
import io.tally.lake.LakeTenantErasure;
import io.tally.lake.TenantDeletionRequests;
import io.tally.lake.read.AsOf;
import io.tally.lake.read.DailyRevenueHistory;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * After a tenant's deletion is requested and the next run has done it, no table, no snapshot left for time
 * travel and no file on S3 holds a row of it, the other tenants are untouched, and replaying the log (which still
 * holds the tenant's records) does not bring it back.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, S3Extension.class})
class LakeTenantDeletionTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @Test
  void noStoreOfTheLakeHoldsARowOfADeletedTenant(TestKafka kafka, TestPostgres pg, TestS3 s3) throws Exception {
    try (TestLake t = TestLakes.create(kafka, pg, s3)) {
      List<EventEnvelope> events = new ArrayList<>(OrderLog.orders("acme", "a", 15, DAY, "EUR"));
      events.addAll(OrderLog.orders("globex", "g", 10, DAY, "USD"));
      t.writer().committed(events);
      t.writer().poison("acme", events.get(0));
      t.compact();
      List<EventEnvelope> more = OrderLog.orders("acme", "c", 5, DAY, "EUR");
      t.writer().committed(more);
      t.compact(); // a second snapshot, so acme is in the history too
      Map<String, Long> globexBefore = t.countByTenant(LakeTables.EVENTS);
      assertThat(globexBefore).containsKeys("acme", "globex");

      // The platform-admin operation records the request (in its own Postgres transaction); the next run does it.
      var s = t.lake().settings();
      try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword())) {
        TenantDeletionRequests.request(c, "acme");
        assertThat(TenantDeletionRequests.pending(c)).containsExactly("acme");
        t.compact();
        assertThat(TenantDeletionRequests.pending(c)).isEmpty();
      }

      for (String name : LakeTenantErasure.TABLES) {
        Table table = t.table(name);
        for (Snapshot snapshot : table.snapshots()) {
          assertThat(rowsOf(table, snapshot, "acme")).as(name + " snapshot " + snapshot.snapshotId()).isZero();
        }
        assertThat(t.countByTenant(name)).doesNotContainKey("acme");
      }
      assertThat(t.countByTenant(LakeTables.EVENTS)).containsEntry("globex", globexBefore.get("globex"));
      assertThat(objectKeys(s3, t.bucket())).noneMatch(k -> k.contains("tenant=acme"))
          .anyMatch(k -> k.contains("tenant=globex"));
      assertThat(new DailyRevenueHistory(t.catalog()).read("acme", AsOf.latest()).days()).isEmpty();

      // The log still holds acme's records (until its retention): a full replay must not re-import them.
      List<EventEnvelope> late = OrderLog.orders("acme", "late", 3, DAY, "EUR");
      t.writer().committed(late);
      t.table(LakeTables.EVENTS).newAppend()
          .set(LakeTables.OFFSETS_PROPERTY, KafkaOffsets.none(t.topic()).toJson()).commit();
      LakeRun.Report replay = t.compact();
      long acmeInLog = 3 + more.size() + late.size() + events.stream().filter(e -> e.tenant().equals("acme")).count();
      assertThat(replay.compaction().dropped()).isEqualTo(acmeInLog);
      assertThat(replay.added()).isZero();
      assertThat(t.countByTenant(LakeTables.EVENTS)).doesNotContainKey("acme");
      assertThat(t.countByTenant(LakeTables.REJECTED)).doesNotContainKey("acme");
    }
  }

  private static long rowsOf(Table table, Snapshot snapshot, String tenant) throws Exception {
    long n = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId())
        .where(Expressions.equal("tenant", tenant)).build()) {
      for (Record r : rows) {
        n += tenant.equals(r.getField("tenant")) ? 1 : 0;
      }
    }
    return n;
  }

  private static List<String> objectKeys(TestS3 s3, String bucket) {
    try (S3Client client = s3.s3Client()) {
      return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }
  }
}
