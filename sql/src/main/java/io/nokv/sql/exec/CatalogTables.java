package io.nokv.sql.exec;

import io.nokv.sql.catalog.Catalog;
import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.catalog.TableDef;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The read-only schema {@value #SCHEMA}: primary keys and indexes of every table, with the columns
 * of JDBC's {@code getPrimaryKeys} and {@code getIndexInfo}. The embedded driver's metadata and the
 * remote driver (Avatica's protocol has no request for them) answer those calls with a query here.
 */
public final class CatalogTables extends AbstractSchema {
  public static final String SCHEMA = "nokv_catalog";

  private final Catalog catalog;

  public CatalogTables(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return Map.of("primary_keys", new View(this::primaryKeys, PK_COLUMNS),
        "index_info", new View(this::indexInfo, INDEX_COLUMNS));
  }

  private static final Object[][] PK_COLUMNS = {
    {"TABLE_CAT", SqlTypeName.VARCHAR}, {"TABLE_SCHEM", SqlTypeName.VARCHAR}, {"TABLE_NAME", SqlTypeName.VARCHAR},
    {"COLUMN_NAME", SqlTypeName.VARCHAR}, {"KEY_SEQ", SqlTypeName.SMALLINT}, {"PK_NAME", SqlTypeName.VARCHAR}};

  private static final Object[][] INDEX_COLUMNS = {
    {"TABLE_CAT", SqlTypeName.VARCHAR}, {"TABLE_SCHEM", SqlTypeName.VARCHAR}, {"TABLE_NAME", SqlTypeName.VARCHAR},
    {"NON_UNIQUE", SqlTypeName.BOOLEAN}, {"INDEX_QUALIFIER", SqlTypeName.VARCHAR},
    {"INDEX_NAME", SqlTypeName.VARCHAR}, {"TYPE", SqlTypeName.SMALLINT}, {"ORDINAL_POSITION", SqlTypeName.SMALLINT},
    {"COLUMN_NAME", SqlTypeName.VARCHAR}, {"ASC_OR_DESC", SqlTypeName.VARCHAR}, {"CARDINALITY", SqlTypeName.BIGINT},
    {"PAGES", SqlTypeName.BIGINT}, {"FILTER_CONDITION", SqlTypeName.VARCHAR}};

  private List<TableDef> sortedTables() {
    List<TableDef> t = new ArrayList<>(catalog.current().tables());
    t.sort(Comparator.comparing(TableDef::schema).thenComparing(TableDef::name));
    return t;
  }

  private List<Object[]> primaryKeys() {
    List<Object[]> rows = new ArrayList<>();
    for (TableDef t : sortedTables()) {
      int[] pk = t.pkColumnIds();
      for (int i = 0; i < pk.length; i++) {
        rows.add(new Object[] {null, t.schema(), t.name(), t.columnById(pk[i]).name(), (short) (i + 1),
            t.name() + "_pkey"});
      }
    }
    return rows;
  }

  private List<Object[]> indexInfo() {
    List<Object[]> rows = new ArrayList<>();
    for (TableDef t : sortedTables()) {
      if (!t.hasHiddenRowId()) {
        addIndex(rows, t, t.name() + "_pkey", t.pkColumnIds(), true);
      }
      for (IndexDef ix : t.indexes()) {
        if (ix.isPublic()) {
          addIndex(rows, t, ix.name(), ix.columnIds(), ix.unique());
        }
      }
    }
    return rows;
  }

  private static void addIndex(List<Object[]> rows, TableDef t, String name, int[] cols, boolean unique) {
    for (int i = 0; i < cols.length; i++) {
      rows.add(new Object[] {null, t.schema(), t.name(), !unique, null, name, DatabaseMetaData.tableIndexOther,
          (short) (i + 1), t.columnById(cols[i]).name(), "A", -1L, -1L, null});
    }
  }

  /** A table computed from the catalog each time it is scanned. */
  private static final class View extends AbstractTable implements ScannableTable {
    private final java.util.function.Supplier<List<Object[]>> rows;
    private final Object[][] columns;

    View(java.util.function.Supplier<List<Object[]>> rows, Object[][] columns) {
      this.rows = rows;
      this.columns = columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      RelDataTypeFactory.Builder b = f.builder();
      for (Object[] c : columns) {
        b.add((String) c[0], f.createTypeWithNullability(f.createSqlType((SqlTypeName) c[1]), true));
      }
      return b.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows.get());
    }
  }
}
