package io.nokv.sql.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A table: its columns in declaration order, its primary key and its secondary indexes. Immutable;
 * every DDL change makes a new one with a higher {@link #version()}.
 *
 * @param id table id, the {@code t{id}} in every key of the table; never reused
 * @param schema the schema it belongs to
 * @param name its name within the schema
 * @param columns the visible columns in order
 * @param pkColumnIds the primary-key columns; empty when the table has none and its rows are keyed
 *     by a hidden row id
 * @param indexes the secondary indexes (unique constraints are unique indexes)
 * @param nextColumnId the id the next added column gets
 * @param nextIndexId the id the next index gets
 * @param version bumped by every change to the definition
 */
public record TableDef(
    long id,
    String schema,
    String name,
    List<ColumnDef> columns,
    int[] pkColumnIds,
    List<IndexDef> indexes,
    int nextColumnId,
    long nextIndexId,
    long version) {

  public TableDef {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
  }

  /** True when rows are keyed by a hidden, generated row id. */
  public boolean hasHiddenRowId() {
    return pkColumnIds.length == 0;
  }

  /** The position of the column with this id among {@link #columns()}, or -1. */
  public int ordinalOf(int columnId) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).id() == columnId) {
        return i;
      }
    }
    return -1;
  }

  /** The column with this name, or null. */
  public ColumnDef column(String columnName) {
    for (ColumnDef c : columns) {
      if (c.name().equals(columnName)) {
        return c;
      }
    }
    return null;
  }

  public ColumnDef columnById(int columnId) {
    int i = ordinalOf(columnId);
    return i < 0 ? null : columns.get(i);
  }

  public IndexDef index(String indexName) {
    for (IndexDef ix : indexes) {
      if (ix.name().equals(indexName)) {
        return ix;
      }
    }
    return null;
  }

  public IndexDef indexById(long indexId) {
    for (IndexDef ix : indexes) {
      if (ix.id() == indexId) {
        return ix;
      }
    }
    return null;
  }

  public String qualifiedName() {
    return schema + "." + name;
  }

  public TableDef withColumns(List<ColumnDef> newColumns, int newNextColumnId) {
    return new TableDef(id, schema, name, newColumns, pkColumnIds, indexes, newNextColumnId, nextIndexId, version + 1);
  }

  public TableDef withIndexes(List<IndexDef> newIndexes, long newNextIndexId) {
    return new TableDef(id, schema, name, columns, pkColumnIds, newIndexes, nextColumnId, newNextIndexId, version + 1);
  }

  public TableDef withIndex(IndexDef replaced) {
    List<IndexDef> list = new ArrayList<>(indexes);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id() == replaced.id()) {
        list.set(i, replaced);
      }
    }
    return withIndexes(list, nextIndexId);
  }
}
