package io.tally.lake;

import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Creates a lake table, or evolves an existing one to its definition. Evolution only adds columns (as optional,
 * so old data files read them as null): a metadata commit, no data file is rewritten, and earlier snapshots keep
 * reading with the schema they were written with.
 */
public final class TableSetup {
  private TableSetup() {}

  /** The table, created or with every column of the definition; returns the names of columns it added. */
  public static List<String> ensure(Catalog catalog, TableDefinition def) {
    ensureNamespace(catalog);
    if (!catalog.tableExists(def.id())) {
      try {
        catalog.buildTable(def.id(), def.schema())
            .withPartitionSpec(def.spec())
            .withProperties(TableDefinition.PROPERTIES)
            .create();
        return List.of();
      } catch (AlreadyExistsException raced) {
        // Another process created it first: fall through and evolve that one.
      }
    }
    Table table = catalog.loadTable(def.id());
    List<String> missing = missingColumns(table.schema(), def.schema());
    if (!missing.isEmpty()) {
      table.updateSchema().unionByNameWith(def.schema()).commit();
    }
    return missing;
  }

  static List<String> missingColumns(Schema current, Schema wanted) {
    return wanted.columns().stream()
        .map(NestedField::name)
        .filter(name -> current.findField(name) == null)
        .toList();
  }

  private static void ensureNamespace(Catalog catalog) {
    if (catalog instanceof SupportsNamespaces ns && !ns.namespaceExists(LakeTables.NAMESPACE)) {
      try {
        ns.createNamespace(LakeTables.NAMESPACE);
      } catch (AlreadyExistsException raced) {
        // created concurrently: fine
      }
    }
  }
}
