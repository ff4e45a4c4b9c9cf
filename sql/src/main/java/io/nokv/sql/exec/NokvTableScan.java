package io.nokv.sql.exec;

import io.nokv.sql.catalog.TableDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * A scan of a NoKV table with what the planner rules pushed into it: the access path (primary key
 * or an index), key ranges, the columns to produce, the direction and a row limit. It yields rows
 * in its access path's key order, which it advertises as its collation so that the planner drops
 * sorts the order already satisfies.
 *
 * <p>It is not a Calcite {@code TableScan}: Calcite's metadata assumes a TableScan yields every
 * column of its table, in order, which a projected scan does not (uniqueness of the primary key
 * would be claimed for whatever column comes first, and aggregates removed). Its metadata is
 * Calcite's defaults for an unknown relational expression, plus {@link NokvMetadata}.
 */
public final class NokvTableScan extends AbstractRelNode implements EnumerableRel {
  final RelOptTable table;
  final TableDef def;
  final AccessPath path;
  final List<KeyRange> ranges;
  final int[] projection;
  final boolean reverse;
  final RexNode fetch;

  private NokvTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, TableDef def,
      AccessPath path, List<KeyRange> ranges, int[] projection, boolean reverse, RexNode fetch) {
    super(cluster, traits);
    this.table = table;
    this.def = def;
    this.path = path;
    this.ranges = ranges == null ? null : List.copyOf(ranges);
    this.projection = projection;
    this.reverse = reverse;
    this.fetch = fetch;
  }

  static NokvTableScan full(RelOptCluster cluster, RelOptTable table, TableDef def) {
    return create(cluster, table, def, AccessPath.primary(def), null, null, false, null);
  }

  static NokvTableScan create(RelOptCluster cluster, RelOptTable table, TableDef def, AccessPath path,
      List<KeyRange> ranges, int[] projection, boolean reverse, RexNode fetch) {
    RelCollation c = path.keyColumnIds().length == 0 ? null : path.collation(def, projection, reverse);
    RelTraitSet traits = cluster.traitSetOf(EnumerableConvention.INSTANCE);
    if (c != null && !c.getFieldCollations().isEmpty()) {
      traits = traits.replaceIfs(RelCollationTraitDef.INSTANCE, () -> List.of(c));
    }
    return new NokvTableScan(cluster, traits, table, def, path, ranges, projection, reverse, fetch);
  }

  NokvTableScan withRanges(AccessPath p, List<KeyRange> r) {
    return create(getCluster(), table, def, p, r, projection, reverse, fetch);
  }

  NokvTableScan withProjection(int[] proj) {
    return create(getCluster(), table, def, path, ranges, proj, reverse, fetch);
  }

  NokvTableScan withOrder(boolean rev, RexNode limit) {
    return create(getCluster(), table, def, path, ranges, projection, rev, limit);
  }

  /** The table ordinal of output field {@code i}. */
  int columnOf(int field) {
    return projection == null ? field : projection[field];
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new NokvTableScan(getCluster(), traitSet, table, def, path, ranges, projection, reverse, fetch);
  }

  @Override
  public RelDataType deriveRowType() {
    RelDataType full = table.getRowType();
    if (projection == null) {
      return full;
    }
    List<RelDataTypeField> fields = full.getFieldList();
    var b = getCluster().getTypeFactory().builder();
    for (int ordinal : projection) {
      b.add(fields.get(ordinal));
    }
    return b.build();
  }

  @Override
  public RelOptTable getTable() {
    return table;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw).item("table", table.getQualifiedName()).item("path", path.describe(def));
    pw.itemIf("ranges", ranges, ranges != null);
    if (projection != null) {
      List<String> names = new ArrayList<>();
      for (int o : projection) {
        names.add(def.columns().get(o).name());
      }
      pw.item("columns", names);
    }
    pw.itemIf("reverse", true, reverse);
    pw.itemIf("limit", fetch, fetch != null);
    return pw;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double rows;
    if (ranges == null) {
      rows = NokvTable.ASSUMED_ROWS;
    } else {
      rows = 0;
      for (KeyRange r : ranges) {
        boolean unique = path.isPrimary() || path.index().unique();
        if (unique && r.eq().size() == path.rangeColumnCount() && !r.hasBounds()) {
          rows += 1;
        } else {
          double x = NokvTable.ASSUMED_ROWS / Math.pow(20, r.eq().size());
          rows += r.hasBounds() ? x / 10 : x;
        }
      }
    }
    if (fetch instanceof RexLiteral l && l.getValueAs(Long.class) != null) {
      rows = Math.min(rows, l.getValueAs(Long.class));
    }
    return Math.max(rows, 1);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    double width = projection == null ? def.columns().size() : projection.length;
    double perRow = 1 + width / Math.max(1, def.columns().size());
    if (!path.isPrimary() && !covers()) {
      perRow *= 3; // a point read per entry
    }
    // Volcano compares costs by their row count alone, so the per-row work is folded into it.
    return planner.getCostFactory().makeCost(rows * perRow, rows * perRow, rows * perRow);
  }

  private boolean covers() {
    int[] out = outColumnIds();
    for (int id : out) {
      boolean found = false;
      for (int k : path.keyColumnIds()) {
        found |= k == id;
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  int[] outColumnIds() {
    int n = projection == null ? def.columns().size() : projection.length;
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = def.columns().get(columnOf(i)).id();
    }
    return ids;
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    ScanSpec spec = new ScanSpec(def.id(), path.isPrimary() ? 0 : path.index().id(), runtimeRanges(),
        outColumnIds(), reverse, PlanContext.inModify(), PlanContext.forUpdate(), source(fetch));
    // One-column rows travel as plain values (Calcite's SCALAR format), wider ones as Object[].
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    String method = physType.getFormat() == JavaRowFormat.SCALAR ? "scanScalar" : "scan";
    return implementor.result(physType, Blocks.toBlock(
        Expressions.call(NokvRuntime.class, method, implementor.getRootExpression(),
            implementor.stash(spec, ScanSpec.class))));
  }

  private List<ScanSpec.RangeSpec> runtimeRanges() {
    if (ranges == null) {
      return null;
    }
    List<ScanSpec.RangeSpec> out = new ArrayList<>();
    for (KeyRange r : ranges) {
      ValueSource[] eq = new ValueSource[r.eq().size()];
      for (int i = 0; i < eq.length; i++) {
        eq[i] = source(r.eq().get(i));
      }
      out.add(new ScanSpec.RangeSpec(eq, source(r.lo()), r.loInclusive(), source(r.hi()), r.hiInclusive()));
    }
    return out;
  }

  /** A planned value: a parameter reference, a literal node, or an already converted value. */
  static ValueSource source(Object n) {
    if (n == null) {
      return null;
    }
    if (n instanceof RexDynamicParam p) {
      return ValueSource.param(p.getIndex());
    }
    if (n instanceof RexLiteral l) {
      return ValueSource.literal(LiteralValues.runtimeValue(l));
    }
    return ValueSource.literal(n);
  }

  @Override
  public String toString() {
    return "NokvTableScan(" + def.name() + ", " + path.describe(def) + ", " + ranges + ", "
        + Arrays.toString(projection) + ")";
  }
}
