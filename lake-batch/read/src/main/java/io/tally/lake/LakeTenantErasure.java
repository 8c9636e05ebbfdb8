package io.tally.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Erases one tenant from the lake, for good, without Spark: the one implementation behind the job's
 * {@code delete-tenant} and requested deletions and behind the projections service's tenant erasure.
 * <ol>
 *   <li>The tenant goes into deleted_tenants first, so no later run re-imports its records still in the log.</li>
 *   <li>Each table drops the tenant's data files in one metadata commit. Every tenant table is partitioned by
 *       identity(tenant) ({@link TableDefinition}), so the filter matches whole files; should a file ever hold
 *       other rows too, Iceberg refuses the commit rather than delete them. The commit carries the table's Kafka
 *       position forward (the job's next compaction starts from it).</li>
 *   <li>Every older snapshot is expired, which deletes the files that still held the tenant from S3: time travel
 *       before the erasure is gone for every tenant (keeping it would keep the tenant's files).</li>
 * </ol>
 * The caller holds the {@link LakeLock}. Idempotent: a second erasure finds no file and commits nothing.
 */
public final class LakeTenantErasure {
  /** The tables that hold tenant rows. */
  public static final List<String> TABLES =
      List.of(LakeTables.EVENTS, LakeTables.REJECTED, LakeTables.ORDER_STATE, LakeTables.DAILY_REVENUE);

  private LakeTenantErasure() {}

  /** rowsDeleted: per table that exists; filesDeleted: data files removed from S3 with the expired snapshots. */
  public record Report(String tenant, Map<String, Long> rowsDeleted, long filesDeleted, Duration took) {}

  /** For a caller that holds the lake lock; the tenant id must have passed the platform's tenant rule. */
  public static Report erase(Catalog catalog, String tenant) {
    long t0 = System.nanoTime();
    DeletedTenants.record(catalog, tenant);
    Map<String, Long> rows = new LinkedHashMap<>();
    long files = 0;
    for (String name : TABLES) {
      if (catalog.tableExists(LakeTables.id(name))) {
        Table table = catalog.loadTable(LakeTables.id(name));
        rows.put(name, deleteFiles(table, tenant));
        files += purgeHistory(table);
      }
    }
    return new Report(tenant, rows, files, Duration.ofNanos(System.nanoTime() - t0));
  }

  /** A deletion asked for in lake_tenant_deletions: done, and marked done on the lock's own connection. */
  public static Report eraseRequested(LakeLock lock, Catalog catalog, String tenant) throws SQLException {
    Report report = erase(catalog, tenant);
    TenantDeletionRequests.markDone(lock.connection(), tenant);
    return report;
  }

  /** Rows in the files dropped; nothing is committed when the tenant has no file (a repeated erasure). */
  private static long deleteFiles(Table table, String tenant) {
    table.refresh();
    if (table.currentSnapshot() == null) {
      return 0;
    }
    Expression ofTenant = Expressions.equal("tenant", tenant);
    long rows = 0;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(ofTenant).planFiles()) {
      for (FileScanTask task : tasks) {
        rows += task.file().recordCount();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rows == 0) {
      return 0;
    }
    DeleteFiles delete = table.newDelete().deleteFromRowFilter(ofTenant);
    LakePosition.carryForward(table).forEach(delete::set);
    delete.commit();
    return rows;
  }

  /**
   * Expires every snapshot but the current one; returns how many data files that deleted. Naming the snapshots
   * makes Iceberg clean up by reachability (every file no kept snapshot references), like Spark's action;
   * its incremental clean-up would leave the files the current snapshot itself dropped until it expires too.
   */
  private static long purgeHistory(Table table) {
    table.refresh();
    if (table.currentSnapshot() == null) {
      return 0;
    }
    long current = table.currentSnapshot().snapshotId();
    ExpireSnapshots expire = table.expireSnapshots();
    int older = 0;
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.snapshotId() != current) {
        expire.expireSnapshotId(snapshot.snapshotId());
        older++;
      }
    }
    if (older == 0) {
      return 0;
    }
    AtomicLong dataFiles = new AtomicLong();
    Consumer<String> deleteOne = FileDeletes.oneByOne(table);
    ExecutorService deletes = FileDeletes.pool();
    try {
      expire.deleteWith(path -> {
            deleteOne.accept(path);
            if (!path.contains("/metadata/")) {
              dataFiles.incrementAndGet();
            }
          })
          .executeDeleteWith(deletes)
          .commit();
    } finally {
      deletes.shutdown();
    }
    return dataFiles.get();
  }
}
