package io.tally.lake.job;

import io.tally.lake.FileDeletes;
import io.tally.lake.LakeLock;
import io.tally.lake.TableDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.spark.actions.SparkActions;

/**
 * Keeps the lake cheap to read: small files rewritten into larger ones, snapshots past the retention expired
 * (their unreferenced files deleted), files no snapshot references removed (left by killed runs). Every rewrite
 * carries the table's Kafka position forward, so expiring old snapshots never loses it.
 */
public final class LakeMaintenance {
  private final Lake lake;
  private final MaintenanceSettings settings;

  public LakeMaintenance(Lake lake, MaintenanceSettings settings) {
    this.lake = lake;
    this.settings = settings;
  }

  public record TableReport(String table, long filesBefore, long filesAfter, long rewrittenFiles,
                            long expiredSnapshots, long deletedFiles, long orphansRemoved) {}

  public record Report(List<TableReport> tables, Duration took) {}

  /** @throws LakeLock.LakeBusyException when another run holds the lake */
  public Report run() {
    long t0 = System.nanoTime();
    List<TableReport> reports = new ArrayList<>();
    try (LakeLock lock = LakeLock.acquire(lake.settings())) {
      for (TableDefinition def : TableDefinition.all()) {
        if (lake.catalog().tableExists(def.id())) {
          reports.add(maintain(def.name()));
        }
      }
    }
    Report report = new Report(reports, Duration.ofNanos(System.nanoTime() - t0));
    RunLog.say(String.format("maintenance done in %.1f s", report.took().toMillis() / 1000.0));
    return report;
  }

  private TableReport maintain(String name) {
    Table table = lake.load(name);
    long before = dataFiles(table);
    SparkActions actions = SparkActions.get(lake.spark());
    RewriteDataFiles rewrite = actions.rewriteDataFiles(table)
        .option(RewriteDataFiles.PARTIAL_PROGRESS_ENABLED, "true")
        .option("min-input-files", Integer.toString(settings.minInputFiles()));
    Commits.carryForward(table).forEach(rewrite::snapshotProperty);
    long rewritten = rewrite.execute().rewrittenDataFilesCount();
    table.refresh();
    var rewriteManifests = actions.rewriteManifests(table);
    Commits.carryForward(table).forEach(rewriteManifests::snapshotProperty);
    rewriteManifests.execute();
    table.refresh();
    long now = System.currentTimeMillis();
    ExecutorService deletes = FileDeletes.pool();
    ExpireSnapshots.Result expired;
    DeleteOrphanFiles.Result orphans;
    try {
      expired = actions.expireSnapshots(table)
          .expireOlderThan(now - settings.snapshotRetention().toMillis())
          .retainLast(Math.max(1, settings.retainLast()))
          .deleteWith(FileDeletes.oneByOne(table))
          .executeDeleteWith(deletes)
          .execute();
      table.refresh();
      orphans = actions.deleteOrphanFiles(table)
          .olderThan(now - settings.orphanGrace().toMillis())
          // List through S3FileIO: there is no Hadoop file system for s3:// URIs here (no S3A).
          .usePrefixListing(true)
          .deleteWith(FileDeletes.oneByOne(table))
          .executeDeleteWith(deletes)
          .execute();
    } finally {
      deletes.shutdown();
    }
    long removed = 0;
    for (String ignored : orphans.orphanFileLocations()) {
      removed++;
    }
    TableReport report = new TableReport(name, before, dataFiles(lake.load(name)), rewritten,
        expiredSnapshotsOf(expired), expired.deletedDataFilesCount(), removed);
    RunLog.say(lake.sql(name) + ": " + report.filesBefore() + " -> " + report.filesAfter() + " data files, "
        + report.expiredSnapshots() + " snapshots expired, " + report.deletedFiles() + " expired data files and "
        + report.orphansRemoved() + " orphan files deleted");
    return report;
  }

  private long expiredSnapshotsOf(ExpireSnapshots.Result expired) {
    return expired.deletedManifestListsCount(); // one manifest list per expired snapshot
  }

  static long dataFiles(Table table) {
    table.refresh();
    return table.currentSnapshot() == null ? 0
        : Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-data-files", "0"));
  }
}
