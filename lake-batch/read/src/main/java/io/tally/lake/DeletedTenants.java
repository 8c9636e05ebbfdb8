package io.tally.lake.job;

import io.tally.lake.LakeTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** Tenants deleted from the lake: their records still in the log are dropped on every later read of it. */
final class DeletedTenants {
  private DeletedTenants() {}

  static Set<String> read(Lake lake) {
    Set<String> tenants = new HashSet<>();
    var table = lake.load(LakeTables.DELETED_TENANTS);
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
}
