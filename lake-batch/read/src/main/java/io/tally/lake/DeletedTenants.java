package io.tally.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * The lake's deleted_tenants table: tenants erased from the lake, whose records still in the log every later read
 * of it drops. Written with plain iceberg-data (no Spark), so the job and the projections service record a
 * deletion the same way; only Iceberg types appear here, so it also links against the job's Spark runtime jar
 * (where Parquet is relocated).
 */
public final class DeletedTenants {
  private DeletedTenants() {}

  public static Set<String> read(Table table) {
    Set<String> tenants = new HashSet<>();
    table.refresh();
    if (table.currentSnapshot() == null) {
      return tenants;
    }
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select("tenant").build()) {
      rows.forEach(r -> tenants.add((String) r.getField("tenant")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tenants;
  }

  /** Adds the tenant once (the table is created when missing); true when it was not there yet. */
  public static boolean record(Catalog catalog, String tenant) {
    TableSetup.ensure(catalog, TableDefinition.DELETED_TENANTS);
    Table table = catalog.loadTable(TableDefinition.DELETED_TENANTS.id());
    if (read(table).contains(tenant)) {
      return false;
    }
    GenericRecord row = GenericRecord.create(table.schema());
    row.setField("tenant", tenant);
    row.setField("deleted_at", OffsetDateTime.now(ZoneOffset.UTC));
    table.newAppend().appendFile(write(table, row)).commit();
    return true;
  }

  /** One row as one Parquet file of the (unpartitioned) table. */
  private static DataFile write(Table table, Record row) {
    DataWriter<Record> writer = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET)
        .build()
        .newDataWriter(OutputFileFactory.builderFor(table, 0, System.currentTimeMillis())
            .format(FileFormat.PARQUET).build().newOutputFile(), table.spec(), null);
    try (writer) {
      writer.write(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toDataFile();
  }
}
