package io.nokv.sql.exec;

import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;

/**
 * How a scan reaches rows: through the primary key, or through a secondary index and then (unless
 * the index covers the query) a lookup of each row. {@link #keyColumnIds()} is the order of the
 * entries: the index's columns followed by the primary key.
 */
public record AccessPath(IndexDef index, int[] keyColumnIds) {

  public static AccessPath primary(TableDef def) {
    return new AccessPath(null, def.pkColumnIds());
  }

  public static AccessPath index(TableDef def, IndexDef ix) {
    int[] k = new int[ix.columnIds().length + def.pkColumnIds().length];
    System.arraycopy(ix.columnIds(), 0, k, 0, ix.columnIds().length);
    System.arraycopy(def.pkColumnIds(), 0, k, ix.columnIds().length, def.pkColumnIds().length);
    return new AccessPath(ix, k);
  }

  public boolean isPrimary() {
    return index == null;
  }

  /** The columns a range may constrain, in order: the primary key, or the index's own columns. */
  public int rangeColumnCount() {
    return index == null ? keyColumnIds.length : index.columnIds().length;
  }

  public String describe(TableDef def) {
    return index == null ? "primary" : "index " + index.name();
  }

  /**
   * The order in which this path yields rows, expressed over the output fields: {@code projection}
   * maps output fields to table ordinals (null for all columns). NoKV orders NULLs low, so
   * ascending is NULLS FIRST.
   */
  public RelCollation collation(TableDef def, int[] projection, boolean reverse) {
    List<RelFieldCollation> fields = new ArrayList<>();
    for (int columnId : keyColumnIds) {
      int ordinal = def.ordinalOf(columnId);
      int out = ordinal;
      if (projection != null) {
        out = -1;
        for (int i = 0; i < projection.length; i++) {
          if (projection[i] == ordinal) {
            out = i;
            break;
          }
        }
      }
      if (out < 0) {
        break;
      }
      fields.add(reverse
          ? new RelFieldCollation(out, RelFieldCollation.Direction.DESCENDING, RelFieldCollation.NullDirection.LAST)
          : new RelFieldCollation(out, RelFieldCollation.Direction.ASCENDING, RelFieldCollation.NullDirection.FIRST));
    }
    return RelCollations.of(fields);
  }
}
