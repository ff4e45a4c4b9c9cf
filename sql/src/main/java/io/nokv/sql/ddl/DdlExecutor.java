package io.nokv.sql.ddl;

import io.nokv.sql.SqlStateException;
import io.nokv.sql.catalog.Catalog;
import io.nokv.sql.catalog.CatalogCodec;
import io.nokv.sql.catalog.CatalogKeys;
import io.nokv.sql.catalog.CatalogSnapshot;
import io.nokv.sql.catalog.ColumnDef;
import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.catalog.IndexState;
import io.nokv.sql.catalog.TableDef;
import io.nokv.sql.ddl.NokvStatementAst.AddColumn;
import io.nokv.sql.ddl.NokvStatementAst.ColumnSpec;
import io.nokv.sql.ddl.NokvStatementAst.CreateIndex;
import io.nokv.sql.ddl.NokvStatementAst.CreateSchema;
import io.nokv.sql.ddl.NokvStatementAst.CreateTable;
import io.nokv.sql.ddl.NokvStatementAst.DropColumn;
import io.nokv.sql.ddl.NokvStatementAst.DropIndex;
import io.nokv.sql.ddl.NokvStatementAst.DropSchema;
import io.nokv.sql.ddl.NokvStatementAst.DropTable;
import io.nokv.sql.ddl.NokvStatementAst.Name;
import io.nokv.sql.exec.IndexBackfill;
import io.nokv.sql.exec.TableData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Carries out DDL. Each statement commits on its own (DDL is not part of a session's transaction,
 * as in MySQL); its effect is visible to every statement planned after it.
 */
public final class DdlExecutor {
  private final Catalog catalog;

  public DdlExecutor(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Runs one DDL statement with {@code schema} as the default schema; returns the update count (0). */
  public int execute(NokvStatementAst st, String schema) {
    switch (st) {
      case CreateTable c -> createTable(c, schema);
      case DropTable d -> dropTables(d, schema);
      case CreateIndex c -> createIndex(c, schema);
      case DropIndex d -> dropIndex(d, schema);
      case AddColumn a -> addColumn(a, schema);
      case DropColumn d -> dropColumn(d, schema);
      case CreateSchema c -> createSchema(c);
      case DropSchema d -> dropSchema(d);
      default -> throw new IllegalArgumentException("not DDL: " + st);
    }
    return 0;
  }

  private void createSchema(CreateSchema c) {
    if (catalog.current().hasSchema(c.name())) {
      if (c.ifNotExists()) {
        return;
      }
      throw new SqlStateException(SqlStateException.DUPLICATE_SCHEMA, "schema \"" + c.name() + "\" already exists");
    }
    catalog.change(txn -> txn.put(CatalogKeys.schema(c.name()), CatalogCodec.encodeSchema()));
  }

  private void dropSchema(DropSchema d) {
    CatalogSnapshot snap = catalog.current();
    if (!snap.hasSchema(d.name())) {
      if (d.ifExists()) {
        return;
      }
      throw new SqlStateException(SqlStateException.INVALID_SCHEMA, "schema \"" + d.name() + "\" does not exist");
    }
    if (d.name().equals(Catalog.DEFAULT_SCHEMA)) {
      throw new SqlStateException(SqlStateException.DEPENDENT_OBJECTS, "the default schema cannot be dropped");
    }
    List<TableDef> tables = new ArrayList<>(snap.tables(d.name()));
    if (!tables.isEmpty() && !d.cascade()) {
      throw new SqlStateException(SqlStateException.DEPENDENT_OBJECTS, "schema \"" + d.name() + "\" contains "
          + tables.size() + " table(s); drop them first or use DROP SCHEMA ... CASCADE");
    }
    catalog.changeGuarded(txn -> {
      for (TableDef t : tables) {
        txn.delete(CatalogKeys.table(t.id()));
      }
      txn.delete(CatalogKeys.schema(d.name()));
    });
    for (TableDef t : tables) {
      TableData.deleteAll(catalog.client(), t);
    }
  }

  private void createTable(CreateTable c, String defaultSchema) {
    String schema = schemaOf(c.name(), defaultSchema);
    if (catalog.current().table(schema, c.name().name()) != null) {
      if (c.ifNotExists()) {
        return;
      }
      throw new SqlStateException(SqlStateException.DUPLICATE_TABLE,
          "table \"" + c.name().name() + "\" already exists");
    }
    if (c.columns().isEmpty()) {
      throw new SqlStateException(SqlStateException.INVALID_DEFINITION, "a table needs at least one column");
    }
    List<ColumnDef> cols = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int id = 1;
    for (ColumnSpec s : c.columns()) {
      if (!names.add(s.name())) {
        throw new SqlStateException(SqlStateException.DUPLICATE_COLUMN,
            "column \"" + s.name() + "\" specified more than once");
      }
      boolean inPk = c.primaryKey().contains(s.name());
      cols.add(new ColumnDef(id++, s.name(), s.type(), !(s.notNull() || inPk),
          DefaultValues.checked(s.defaultSql(), s.type()), null));
    }
    int[] pk = columnIds(cols, c.primaryKey(), c.name().name());
    if (new HashSet<>(c.primaryKey()).size() != c.primaryKey().size()) {
      throw new SqlStateException(SqlStateException.DUPLICATE_COLUMN, "a PRIMARY KEY names a column twice");
    }
    List<IndexDef> indexes = new ArrayList<>();
    long indexId = 1;
    Set<String> indexNames = new HashSet<>();
    for (List<String> u : c.uniques()) {
      String name = c.name().name() + "_" + String.join("_", u) + "_key";
      if (!indexNames.add(name) || catalog.current().tableOfIndex(schema, name) != null) {
        name = name + indexId;
      }
      indexes.add(new IndexDef(indexId++, name, columnIds(cols, u, c.name().name()), true, IndexState.PUBLIC));
    }
    int nextColumnId = id;
    long nextIndexId = indexId;
    catalog.change(txn -> {
      if (!catalog.current().hasSchema(schema)) {
        throw new SqlStateException(SqlStateException.INVALID_SCHEMA, "schema \"" + schema + "\" does not exist");
      }
      long tableId = catalog.nextTableId(txn);
      TableDef def = new TableDef(tableId, schema, c.name().name(), cols, pk, indexes, nextColumnId, nextIndexId, 1);
      txn.put(CatalogKeys.table(tableId), CatalogCodec.encodeTable(def));
    });
  }

  private void dropTables(DropTable d, String defaultSchema) {
    List<TableDef> defs = new ArrayList<>();
    for (Name n : d.names()) {
      TableDef t = catalog.current().table(schemaOf(n, defaultSchema), n.name());
      if (t == null) {
        if (d.ifExists()) {
          continue;
        }
        throw unknownTable(n);
      }
      defs.add(t);
    }
    if (defs.isEmpty()) {
      return;
    }
    catalog.changeGuarded(txn -> {
      for (TableDef t : defs) {
        txn.delete(CatalogKeys.table(t.id()));
      }
    });
    for (TableDef t : defs) {
      TableData.deleteAll(catalog.client(), t);
    }
  }

  private void createIndex(CreateIndex c, String defaultSchema) {
    String schema = schemaOf(c.table(), defaultSchema);
    TableDef t = table(c.table(), defaultSchema);
    if (catalog.current().tableOfIndex(schema, c.name()) != null) {
      if (c.ifNotExists()) {
        return;
      }
      throw new SqlStateException(SqlStateException.DUPLICATE_TABLE, "index \"" + c.name() + "\" already exists");
    }
    int[] cols = columnIds(t.columns(), c.columns(), t.name());
    IndexDef ix = new IndexDef(t.nextIndexId(), c.name(), cols, c.unique(), IndexState.WRITE_ONLY);
    List<IndexDef> list = new ArrayList<>(t.indexes());
    list.add(ix);
    putTable(t.withIndexes(list, t.nextIndexId() + 1), true);
    try {
      IndexBackfill.run(catalog, t.id(), ix.id());
    } catch (RuntimeException e) {
      TableDef now = catalog.current().table(t.id());
      if (now != null && now.indexById(ix.id()) != null) {
        List<IndexDef> without = new ArrayList<>(now.indexes());
        without.removeIf(x -> x.id() == ix.id());
        putTable(now.withIndexes(without, now.nextIndexId()), true);
        TableData.deleteIndex(catalog.client(), now, ix.id());
      }
      throw e;
    }
    TableDef now = catalog.current().table(t.id());
    putTable(now.withIndex(now.indexById(ix.id()).withState(IndexState.PUBLIC)), false);
  }

  private void dropIndex(DropIndex d, String defaultSchema) {
    String schema = d.name().schema() != null ? d.name().schema() : defaultSchema;
    TableDef t = catalog.current().tableOfIndex(schema, d.name().name());
    if (t == null) {
      if (d.ifExists()) {
        return;
      }
      throw new SqlStateException(SqlStateException.UNDEFINED_OBJECT, "index \"" + d.name() + "\" does not exist");
    }
    IndexDef ix = t.index(d.name().name());
    List<IndexDef> list = new ArrayList<>(t.indexes());
    list.remove(ix);
    putTable(t.withIndexes(list, t.nextIndexId()), true);
    TableData.deleteIndex(catalog.client(), t, ix.id());
  }

  private void addColumn(AddColumn a, String defaultSchema) {
    TableDef t = table(a.table(), defaultSchema);
    ColumnSpec s = a.column();
    if (t.column(s.name()) != null) {
      if (a.ifNotExists()) {
        return;
      }
      throw new SqlStateException(SqlStateException.DUPLICATE_COLUMN,
          "column \"" + s.name() + "\" of table \"" + t.name() + "\" already exists");
    }
    String def = DefaultValues.checked(s.defaultSql(), s.type());
    Object origin = DefaultValues.evaluate(def, s.type());
    if (s.notNull() && origin == null && TableData.hasRows(catalog.client(), t)) {
      throw new SqlStateException(SqlStateException.NOT_NULL_VIOLATION, "column \"" + s.name()
          + "\" is NOT NULL without a DEFAULT, and table \"" + t.name() + "\" has rows");
    }
    List<ColumnDef> cols = new ArrayList<>(t.columns());
    cols.add(new ColumnDef(t.nextColumnId(), s.name(), s.type(), !s.notNull(), def, origin));
    TableDef updated = t.withColumns(cols, t.nextColumnId() + 1);
    if (s.unique()) {
      putTable(updated, false);
      createIndex(new CreateIndex(t.name() + "_" + s.name() + "_key", a.table(), List.of(s.name()), true, false),
          defaultSchema);
      return;
    }
    putTable(updated, false);
  }

  private void dropColumn(DropColumn d, String defaultSchema) {
    TableDef t = table(d.table(), defaultSchema);
    ColumnDef c = t.column(d.column());
    if (c == null) {
      if (d.ifExists()) {
        return;
      }
      throw new SqlStateException(SqlStateException.UNDEFINED_COLUMN,
          "column \"" + d.column() + "\" of table \"" + t.name() + "\" does not exist");
    }
    for (int id : t.pkColumnIds()) {
      if (id == c.id()) {
        throw new SqlStateException(SqlStateException.DEPENDENT_OBJECTS,
            "column \"" + c.name() + "\" is part of the primary key and cannot be dropped");
      }
    }
    if (t.columns().size() == 1) {
      throw new SqlStateException(SqlStateException.INVALID_DEFINITION, "a table needs at least one column");
    }
    List<IndexDef> dropped = new ArrayList<>();
    List<IndexDef> kept = new ArrayList<>();
    for (IndexDef ix : t.indexes()) {
      boolean uses = false;
      for (int id : ix.columnIds()) {
        uses |= id == c.id();
      }
      (uses ? dropped : kept).add(ix);
    }
    List<ColumnDef> cols = new ArrayList<>(t.columns());
    cols.remove(c);
    TableDef updated = t.withColumns(cols, t.nextColumnId());
    updated = updated.withIndexes(kept, updated.nextIndexId());
    putTable(updated, !dropped.isEmpty());
    for (IndexDef ix : dropped) {
      TableData.deleteIndex(catalog.client(), updated, ix.id());
    }
  }

  private void putTable(TableDef def, boolean guarded) {
    if (guarded) {
      catalog.changeGuarded(txn -> txn.put(CatalogKeys.table(def.id()), CatalogCodec.encodeTable(def)));
    } else {
      catalog.change(txn -> txn.put(CatalogKeys.table(def.id()), CatalogCodec.encodeTable(def)));
    }
  }

  private TableDef table(Name n, String defaultSchema) {
    TableDef t = catalog.current().table(schemaOf(n, defaultSchema), n.name());
    if (t == null) {
      throw unknownTable(n);
    }
    return t;
  }

  private static SqlStateException unknownTable(Name n) {
    return new SqlStateException(SqlStateException.UNDEFINED_TABLE, "table \"" + n + "\" does not exist");
  }

  private static String schemaOf(Name n, String defaultSchema) {
    return n.schema() != null ? n.schema() : defaultSchema;
  }

  private static int[] columnIds(List<ColumnDef> cols, List<String> names, String table) {
    int[] ids = new int[names.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = -1;
      for (ColumnDef c : cols) {
        if (c.name().equals(names.get(i))) {
          ids[i] = c.id();
        }
      }
      if (ids[i] < 0) {
        throw new SqlStateException(SqlStateException.UNDEFINED_COLUMN,
            "column \"" + names.get(i) + "\" of table \"" + table + "\" does not exist");
      }
    }
    return ids;
  }
}
