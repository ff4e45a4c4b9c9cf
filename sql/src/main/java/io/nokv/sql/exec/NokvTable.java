package io.nokv.sql.exec;

import io.nokv.sql.catalog.ColumnDef;
import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A NoKV table as Calcite sees it, at one version of its definition. Queries read it through
 * {@link NokvTableScan}, which the planner rules narrow to key ranges; writes go through
 * {@link NokvTableModify}.
 */
public final class NokvTable extends AbstractTable implements TranslatableTable {
  /** Row count assumed for planning: large, so that any key range beats a full scan. */
  static final double ASSUMED_ROWS = 1_000_000;

  private final TableDef def;

  public NokvTable(TableDef def) {
    this.def = def;
  }

  public TableDef def() {
    return def;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    for (ColumnDef c : def.columns()) {
      b.add(c.name(), SqlTypes.toRelType(f, c.type(), c.nullable()));
    }
    return b.build();
  }

  @Override
  public Statistic getStatistic() {
    List<ImmutableBitSet> keys = new ArrayList<>();
    if (!def.hasHiddenRowId()) {
      keys.add(ordinals(def.pkColumnIds()));
    }
    for (IndexDef ix : def.indexes()) {
      if (ix.unique() && ix.isPublic() && allNotNull(ix.columnIds())) {
        keys.add(ordinals(ix.columnIds()));
      }
    }
    List<RelCollation> collations = def.hasHiddenRowId()
        ? List.of()
        : List.of(AccessPath.primary(def).collation(def, null, false));
    return Statistics.of(ASSUMED_ROWS, keys, collations);
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return NokvTableScan.full(context.getCluster(), relOptTable, def);
  }

  @Override
  public <C> C unwrap(Class<C> aClass) {
    if (aClass == InitializerExpressionFactory.class) {
      return aClass.cast(new ColumnDefaults(def));
    }

    return super.unwrap(aClass);
  }

  private boolean allNotNull(int[] columnIds) {
    for (int id : columnIds) {
      if (def.columnById(id).nullable()) {
        return false;
      }
    }
    return true;
  }

  private ImmutableBitSet ordinals(int[] columnIds) {
    ImmutableBitSet.Builder b = ImmutableBitSet.builder();
    for (int id : columnIds) {
      b.set(def.ordinalOf(id));
    }
    return b.build();
  }
}
