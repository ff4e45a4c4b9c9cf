package io.nokv.sql.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One immutable version of the whole catalog: what every statement planned at that version sees. */
public final class CatalogSnapshot {
  private final long version;
  private final Set<String> schemas;
  private final Map<Long, TableDef> tablesById;
  private final Map<String, Map<String, TableDef>> tablesBySchema = new HashMap<>();

  CatalogSnapshot(long version, Set<String> schemas, Map<Long, TableDef> tablesById) {
    this.version = version;
    this.schemas = Set.copyOf(new TreeSet<>(schemas));
    this.tablesById = Map.copyOf(tablesById);
    for (String s : schemas) {
      tablesBySchema.put(s, new HashMap<>());
    }
    for (TableDef t : tablesById.values()) {
      tablesBySchema.computeIfAbsent(t.schema(), k -> new HashMap<>()).put(t.name(), t);
    }
  }

  public long version() {
    return version;
  }

  public Set<String> schemas() {
    return schemas;
  }

  public boolean hasSchema(String name) {
    return schemas.contains(name);
  }

  public TableDef table(long id) {
    return tablesById.get(id);
  }

  public TableDef table(String schema, String name) {
    Map<String, TableDef> m = tablesBySchema.get(schema);
    return m == null ? null : m.get(name);
  }

  public Collection<TableDef> tables(String schema) {
    Map<String, TableDef> m = tablesBySchema.get(schema);
    return m == null ? List.of() : m.values();
  }

  public Collection<TableDef> tables() {
    return tablesById.values();
  }

  /** The table holding the index with this name in this schema, or null. */
  public TableDef tableOfIndex(String schema, String indexName) {
    for (TableDef t : tables(schema)) {
      if (t.index(indexName) != null) {
        return t;
      }
    }
    return null;
  }
}
