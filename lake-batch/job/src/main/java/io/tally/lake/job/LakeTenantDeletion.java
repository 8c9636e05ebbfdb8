package io.tally.lake.job;

import io.tally.events.Limits;
import io.tally.lake.LakeTables;
import io.tally.lake.TableDefinition;
import io.tally.lake.TableSetup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.actions.SparkActions;

/**
 * Deletes one tenant from the lake, for good: its rows in every table (a row-level DELETE; the tables are
 * partitioned by tenant, so whole files drop out), then every older snapshot of those tables expired, which
 * deletes the data files that still held the tenant from S3 (time travel cannot bring it back, for any tenant,
 * past this point). The tenant is recorded first in deleted_tenants, so no later run re-imports its records
 * still in the log. See docs/lake.md for the other stores and the log itself.
 */
public final class LakeTenantDeletion {
  static final List<String> TENANT_TABLES =
      List.of(LakeTables.EVENTS, LakeTables.REJECTED, LakeTables.ORDER_STATE, LakeTables.DAILY_REVENUE);

  private final Lake lake;

  public LakeTenantDeletion(Lake lake) {
    this.lake = lake;
  }

  public record Report(String tenant, Map<String, Long> rowsDeleted, long filesDeleted, Duration took) {}

  /**
   * @throws IllegalArgumentException for a string that is not a tenant id
   * @throws LakeLock.LakeBusyException when another run holds the lake
   */
  public Report delete(String tenant) {
    try (LakeLock lock = LakeLock.acquire(lake.settings())) {
      return deleteLocked(tenant);
    }
  }

  /** The deletion itself, for a caller that holds the lake lock already. */
  Report deleteLocked(String tenant) {
    Limits.tenant(tenant).ifPresent(v -> {
      throw new IllegalArgumentException(v.toString());
    });
    long t0 = System.nanoTime();
    remember(tenant);
    Map<String, Long> deleted = new LinkedHashMap<>();
    long files = 0;
    for (String name : TENANT_TABLES) {
      if (lake.catalog().tableExists(LakeTables.id(name))) {
        deleted.put(name, deleteRows(name, tenant));
        files += purgeHistory(lake.load(name));
      }
    }
    Report report = new Report(tenant, deleted, files, Duration.ofNanos(System.nanoTime() - t0));
    RunLog.say("deleted tenant " + tenant + " from the lake: rows " + deleted + ", " + files
        + " data files of earlier snapshots removed");
    return report;
  }

  /** A row-level DELETE that keeps the table's Kafka position; the tenant id passed Limits.tenant ([a-z0-9-]). */
  private long deleteRows(String name, String tenant) {
    String where = " WHERE tenant = '" + tenant + "'";
    long rows = lake.spark().sql("SELECT count(*) FROM " + lake.sql(name) + where).first().getLong(0);
    if (rows > 0) {
      Commits.withProperties(Commits.carryForward(lake.load(name)),
          () -> lake.spark().sql("DELETE FROM " + lake.sql(name) + where));
    }
    return rows;
  }

  private void remember(String tenant) {
    TableSetup.ensure(lake.catalog(), TableDefinition.DELETED_TENANTS);
    long known = lake.spark().sql("SELECT count(*) FROM " + lake.sql(LakeTables.DELETED_TENANTS)
        + " WHERE tenant = '" + tenant + "'").first().getLong(0);
    if (known == 0) {
      lake.spark().sql("INSERT INTO " + lake.sql(LakeTables.DELETED_TENANTS) + " VALUES ('" + tenant
          + "', current_timestamp())");
    }
  }

  /** Expires every snapshot but the current one: the files only they referenced (the tenant's) are deleted. */
  private long purgeHistory(Table table) {
    if (table.currentSnapshot() == null) {
      return 0;
    }
    ExecutorService deletes = FileDeletes.pool();
    try {
      return SparkActions.get(lake.spark()).expireSnapshots(table)
          .expireOlderThan(table.currentSnapshot().timestampMillis() + 1)
          .retainLast(1)
          .deleteWith(FileDeletes.oneByOne(table))
          .executeDeleteWith(deletes)
          .execute()
          .deletedDataFilesCount();
    } finally {
      deletes.shutdown();
    }
  }
}
