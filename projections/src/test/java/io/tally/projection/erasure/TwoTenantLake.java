package io.tally.projection.erasure;

import io.tally.lake.DeletedTenants;
import io.tally.lake.LakeCatalog;
import io.tally.lake.LakePosition;
import io.tally.lake.LakeSettings;
import io.tally.lake.LakeTables;
import io.tally.lake.TableDefinition;
import io.tally.lake.TableSetup;
import io.tally.lake.read.GoldFiles;
import io.tally.testsupport.TestS3;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A lake with gold rows of acme and globex in two snapshots (so both are in the history too), committed with
 * plain iceberg-data as the Spark job would leave them, with a Kafka position in the summary; and what a test
 * asks of it afterwards.
 */
final class TwoTenantLake implements AutoCloseable {
  static final String POSITION = "{\"orders.events\":{\"0\":7,\"1\":9,\"2\":4}}";
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  private final JdbcCatalog catalog;
  private final TestS3 s3;
  private final String bucket;

  TwoTenantLake(LakeSettings settings, TestS3 s3, String bucket) {
    this.catalog = LakeCatalog.open(settings);
    this.s3 = s3;
    this.bucket = bucket;
    TableSetup.ensure(catalog, TableDefinition.DAILY_REVENUE);
    Table gold = gold();
    gold.newAppend().appendFile(GoldFiles.write(gold, "acme", List.of(
            GoldFiles.row(gold, "acme", DAY, "EUR", 2, 1, "10.000", "0.000"))))
        .appendFile(GoldFiles.write(gold, "globex", List.of(
            GoldFiles.row(gold, "globex", DAY, "USD", 7, 7, "700.000", "0.000"))))
        .commit();
    gold.newAppend().appendFile(GoldFiles.write(gold, "acme", List.of(
            GoldFiles.row(gold, "acme", DAY.plusDays(1), "EUR", 3, 2, "25.000", "5.000"))))
        .set(LakeTables.OFFSETS_PROPERTY, POSITION)
        .commit();
  }

  Table gold() {
    return catalog.loadTable(TableDefinition.DAILY_REVENUE.id());
  }

  /** Rows of the tenant in any snapshot still kept for time travel. */
  long rowsInAnySnapshot(String tenant) throws IOException {
    Table gold = gold();
    long n = 0;
    for (Snapshot snapshot : gold.snapshots()) {
      try (CloseableIterable<Record> rows = IcebergGenerics.read(gold).useSnapshot(snapshot.snapshotId())
          .where(Expressions.equal("tenant", tenant)).build()) {
        for (Record r : rows) {
          n += tenant.equals(r.getField("tenant")) ? 1 : 0;
        }
      }
    }
    return n;
  }

  Optional<String> position() {
    return LakePosition.of(gold());
  }

  Set<String> deletedTenants() {
    return DeletedTenants.read(catalog.loadTable(LakeTables.id(LakeTables.DELETED_TENANTS)));
  }

  List<String> objectKeys() {
    try (S3Client client = s3.s3Client()) {
      return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }
}
