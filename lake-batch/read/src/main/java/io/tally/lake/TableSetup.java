package io.tally.lake;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Creates a lake table, or evolves an existing one to its definition. Evolution only adds columns (as optional,
 * so old data files read them as null) and sets changed write properties: metadata commits, no data file is
 * rewritten, and earlier snapshots keep reading with the schema they were written with.
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
    updateProperties(table);
    List<String> missing = missingColumns(table.schema(), def.schema());
    if (!missing.isEmpty()) {
      table.updateSchema().unionByNameWith(def.schema()).commit();
    }
    return missing;
  }

  /** Write properties the definition gained since the table was created apply to its next writes. */
  private static void updateProperties(Table table) {
    Map<String, String> changed = TableDefinition.PROPERTIES.entrySet().stream()
        // The format version is table metadata, not a property, and moves only by an explicit upgrade.
        .filter(e -> !e.getKey().equals("format-version"))
        .filter(e -> !e.getValue().equals(table.properties().get(e.getKey())))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (!changed.isEmpty()) {
      UpdateProperties update = table.updateProperties();
      changed.forEach(update::set);
      update.commit();
    }
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
