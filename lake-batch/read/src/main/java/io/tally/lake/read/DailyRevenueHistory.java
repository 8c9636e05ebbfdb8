package io.tally.lake.read;

import io.tally.lake.LakeCatalog;
import io.tally.lake.LakeSettings;
import io.tally.lake.LakeTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Reads a tenant's daily revenue from the lake's gold table without Spark (iceberg-data): the latest state or any
 * earlier snapshot (time travel), always filtered to the one tenant (the table is partitioned by tenant, so other
 * tenants' files are not even opened). Blocking I/O against Postgres and S3: call it off an event loop.
 * Thread-safe; open one per process and close it at shutdown.
 */
public final class DailyRevenueHistory implements AutoCloseable {
  private static final TableIdentifier TABLE = LakeTables.id(LakeTables.DAILY_REVENUE);
  private static final Comparator<DailyRevenue> BY_DAY =
      Comparator.comparing(DailyRevenue::day).thenComparing(DailyRevenue::currency);

  private final Catalog catalog;
  private final AutoCloseable owned;

  /** Reads through a catalog the caller owns. */
  public DailyRevenueHistory(Catalog catalog) {
    this.catalog = catalog;
    this.owned = null;
  }

  private DailyRevenueHistory(Catalog catalog, AutoCloseable owned) {
    this.catalog = catalog;
    this.owned = owned;
  }

  /** Opens the lake's catalog from settings; closing this closes it. */
  public static DailyRevenueHistory open(LakeSettings settings) {
    var catalog = LakeCatalog.open(settings);
    return new DailyRevenueHistory(catalog, catalog);
  }

  /** asOf as the query parameter gives it: see {@link AsOf#parse}. */
  public RevenueHistory read(String tenant, String asOf) {
    return read(tenant, AsOf.parse(asOf));
  }

  /**
   * @throws IllegalArgumentException for a blank tenant; {@link UnknownSnapshot} for a snapshot id the table
   *     does not have
   */
  public RevenueHistory read(String tenant, AsOf asOf) {
    if (tenant == null || tenant.isBlank()) {
      throw new IllegalArgumentException("tenant is required");
    }
    Table table;
    try {
      table = catalog.loadTable(TABLE);
    } catch (NoSuchTableException e) {
      return RevenueHistory.none(tenant); // the lake job has not run yet
    }
    Optional<Snapshot> snapshot = snapshot(table, asOf);
    if (snapshot.isEmpty()) {
      return RevenueHistory.none(tenant);
    }
    List<DailyRevenue> days = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
        .useSnapshot(snapshot.get().snapshotId())
        .where(Expressions.equal("tenant", tenant))
        .build()) {
      for (Record r : rows) {
        days.add(row(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + TABLE + " for tenant " + tenant, e);
    }
    days.sort(BY_DAY);
    return new RevenueHistory(tenant, Optional.of(snapshot.get().snapshotId()),
        Optional.of(Instant.ofEpochMilli(snapshot.get().timestampMillis())), days);
  }

  private static Optional<Snapshot> snapshot(Table table, AsOf asOf) {
    if (asOf instanceof AsOf.Snapshot s) {
      Snapshot found = table.snapshot(s.id());
      if (found == null) {
        throw new UnknownSnapshot(s.id(), TABLE.toString());
      }
      return Optional.of(found);
    }
    if (asOf instanceof AsOf.At at) {
      long millis = at.instant().toEpochMilli();
      Snapshot oldest = SnapshotUtil.oldestAncestor(table);
      if (oldest == null || oldest.timestampMillis() > millis) {
        return Optional.empty();
      }
      return Optional.of(table.snapshot(SnapshotUtil.snapshotIdAsOfTime(table, millis)));
    }
    return Optional.ofNullable(table.currentSnapshot());
  }

  private static DailyRevenue row(Record r) {
    return new DailyRevenue((LocalDate) r.getField("day"), (String) r.getField("currency"),
        count(r, "orders_placed"), count(r, "orders_paid"), count(r, "orders_shipped"),
        count(r, "orders_cancelled"), count(r, "refunds"),
        money(r, "paid_amount"), money(r, "refunded_amount"), money(r, "revenue"));
  }

  /** A column added after the snapshot was written reads as absent: zero, not an error. */
  private static long count(Record r, String column) {
    Object v = r.struct().field(column) == null ? null : r.getField(column);
    return v == null ? 0L : ((Number) v).longValue();
  }

  private static BigDecimal money(Record r, String column) {
    Object v = r.struct().field(column) == null ? null : r.getField(column);
    return v == null ? BigDecimal.ZERO : (BigDecimal) v;
  }

  @Override
  public void close() throws Exception {
    if (owned != null) {
      owned.close();
    }
  }
}
