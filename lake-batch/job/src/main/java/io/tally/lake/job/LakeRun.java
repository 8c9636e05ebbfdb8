package io.tally.lake.job;

import io.tally.lake.LakeLock;
import io.tally.lake.LakeSchemas;
import io.tally.lake.LakeTenantErasure;
import io.tally.lake.PayloadField;
import io.tally.lake.TableDefinition;
import io.tally.lake.TableSetup;
import io.tally.lake.TenantDeletionRequests;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One compaction run: tables created or evolved to the current schema, then the log's new records into the
 * events table, then silver and gold brought up to the events table's position. Each step records its own
 * position, so a run killed anywhere is finished by the next one and a run with nothing new changes nothing.
 */
public final class LakeRun {
  private final Lake lake;
  private final List<PayloadField> payloadFields;

  public LakeRun(Lake lake) {
    this(lake, LakeSchemas.PAYLOAD_FIELDS);
  }

  /** payloadFields: the events table's payload columns; tests pass an older list to see the schema evolve. */
  public LakeRun(Lake lake, List<PayloadField> payloadFields) {
    this.lake = lake;
    this.payloadFields = List.copyOf(payloadFields);
  }

  public record Report(Compaction.Result compaction, long ordersUpdated, long daysUpdated, List<String> addedColumns,
                       Duration took) {
    public long added() { return compaction.added(); }
    public long rejected() { return compaction.rejected(); }
    public long duplicates() { return compaction.duplicates(); }
    public long records() { return compaction.records(); }
  }

  /** @throws LakeLock.LakeBusyException when another run holds the lake */
  public Report compact() {
    try (LakeLock lock = LakeLock.acquire(lake.settings())) {
      return compactLocked(lock);
    }
  }

  private Report compactLocked(LakeLock lock) {
    long t0 = System.nanoTime();
    Instant runAt = Instant.now();
    List<String> added = List.of();
    for (TableDefinition def : TableDefinition.all()) {
      boolean events = def.equals(TableDefinition.EVENTS);
      List<String> columns = TableSetup.ensure(lake.catalog(),
          events ? def.withSchema(LakeSchemas.events(payloadFields)) : def);
      if (events && !columns.isEmpty()) {
        RunLog.say("added columns " + columns + " to " + lake.sql(def.name()) + " (no data file rewritten)");
        added = columns;
      }
    }
    deleteRequestedTenants(lock);
    Compaction.Result result;
    long orders;
    long days;
    try (Compaction.Batch batch = Compaction.run(lake, payloadFields, runAt)) {
      result = batch.result();
      orders = OrderStateUpdate.run(lake, batch.wholeTable());
      days = DailyRevenueUpdate.run(lake, batch.wholeTable());
    }
    Report report = new Report(result, orders, days, added, Duration.ofNanos(System.nanoTime() - t0));
    RunLog.say(String.format("compacted %d records: %d events added, %d duplicates absorbed, %d rejected, %d of"
            + " deleted tenants dropped; %d orders and %d tenant-days updated in %.1f s", result.records(),
        result.added(), result.duplicates(), result.rejected(), result.dropped(), orders, days,
        report.took().toMillis() / 1000.0));
    return report;
  }

  /** Tenant deletions the platform-admin operation asked for, done before the log is read (see docs/lake.md). */
  private void deleteRequestedTenants(LakeLock lock) {
    try {
      for (String tenant : TenantDeletionRequests.pending(lock.connection())) {
        LakeTenantDeletion.said(LakeTenantErasure.eraseRequested(lock, lake.catalog(), tenant));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the lake's tenant deletion requests: " + e.getMessage(), e);
    }
  }
}
