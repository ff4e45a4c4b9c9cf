package io.nokv.sql.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.util.ImmutableBitSet;

/** The planner rules that push work into {@link NokvTableScan}. */
@SuppressWarnings("deprecation") // the operand builders are the simplest form for these small rules
public final class NokvRules {
  private NokvRules() {}

  public static List<RelOptRule> all() {
    return List.of(new FilterIntoScan(), new ProjectIntoScan(), new ProjectFilterIntoScan(),
        new SortIntoScan(false), new SortIntoScan(true), NokvTableModifyRule.INSTANCE);
  }

  /** Key ranges (and the access path) from a filter's conditions; the filter stays on top. */
  static final class FilterIntoScan extends RelOptRule {
    FilterIntoScan() {
      super(operand(LogicalFilter.class, operand(NokvTableScan.class, none())), "NokvFilterIntoScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      NokvTableScan scan = call.rel(1);
      if (scan.ranges != null || scan.fetch != null || scan.reverse) {
        return;
      }
      AccessPathChooser.Choice c = AccessPathChooser.choose(scan.def, KeyConditions.of(filter.getCondition(), scan));
      if (c == null) {
        return;
      }
      NokvTableScan narrowed = scan.withRanges(c.path(), c.ranges());
      // create(), not copy(): the new input has its own order, so the traits must be derived anew.
      call.transformTo(LogicalFilter.create(narrowed, filter.getCondition()));
    }
  }

  /** Only the columns a projection uses are decoded. */
  static final class ProjectIntoScan extends RelOptRule {
    ProjectIntoScan() {
      super(operand(LogicalProject.class, operand(NokvTableScan.class, none())), "NokvProjectIntoScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      NokvTableScan scan = call.rel(1);
      if (scan.projection != null) {
        return;
      }
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      int[] fields = fieldsToKeep(used, scan);
      if (fields == null) {
        return;
      }
      NokvTableScan narrowed = scan.withProjection(columns(fields, scan));
      RexShuttle remap = remap(fields, narrowed);
      call.transformTo(LogicalProject.create(narrowed, project.getHints(), remap.apply(project.getProjects()),
          project.getRowType()));
    }
  }

  /** As {@link ProjectIntoScan}, across a filter between them. */
  static final class ProjectFilterIntoScan extends RelOptRule {
    ProjectFilterIntoScan() {
      super(operand(LogicalProject.class, operand(LogicalFilter.class, operand(NokvTableScan.class, none()))),
          "NokvProjectFilterIntoScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      LogicalFilter filter = call.rel(1);
      NokvTableScan scan = call.rel(2);
      if (scan.projection != null) {
        return;
      }
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), filter.getCondition());
      int[] fields = fieldsToKeep(used, scan);
      if (fields == null) {
        return;
      }
      NokvTableScan narrowed = scan.withProjection(columns(fields, scan));
      RexShuttle remap = remap(fields, narrowed);
      RelNode f = LogicalFilter.create(narrowed, filter.getCondition().accept(remap));
      call.transformTo(LogicalProject.create(f, project.getHints(), remap.apply(project.getProjects()),
          project.getRowType()));
    }
  }

  /**
   * ORDER BY in the scan's key order (or its reverse) and LIMIT, directly over the scan or over a
   * filter on it: the scan yields rows in that order, so the sort goes away; a limit sizes its first
   * fetch.
   */
  static final class SortIntoScan extends RelOptRule {
    private final boolean throughFilter;

    SortIntoScan(boolean throughFilter) {
      super(throughFilter
              ? operand(LogicalSort.class, operand(LogicalFilter.class, operand(NokvTableScan.class, none())))
              : operand(LogicalSort.class, operand(NokvTableScan.class, none())),
          throughFilter ? "NokvSortFilterIntoScan" : "NokvSortIntoScan");
      this.throughFilter = throughFilter;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      LogicalFilter filter = throughFilter ? call.rel(1) : null;
      NokvTableScan scan = call.rel(throughFilter ? 2 : 1);
      if (scan.fetch != null || scan.reverse) {
        return;
      }
      RelCollation wanted = sort.getCollation();
      boolean reverse = false;
      if (!wanted.getFieldCollations().isEmpty()) {
        if (scan.path.keyColumnIds().length == 0) {
          return;
        }
        RelCollation forward = scan.path.collation(scan.def, scan.projection, false);
        RelCollation backward = scan.path.collation(scan.def, scan.projection, true);
        if (backward.satisfies(wanted) && !forward.satisfies(wanted)) {
          reverse = true;
        } else if (!forward.satisfies(wanted)) {
          return;
        }
      }
      RexNode hint = limitHint(sort, scan.getCluster().getRexBuilder());
      if (!reverse && hint == null) {
        return;
      }
      if (filter != null) {
        hint = null; // the filter may drop rows, so the limit says nothing about how many to fetch
        if (!reverse) {
          return;
        }
      }
      NokvTableScan ordered = scan.withOrder(reverse, hint);
      RelNode input = filter == null ? ordered : LogicalFilter.create(ordered, filter.getCondition());
      call.transformTo(sort.copy(sort.getTraitSet(), input, sort.getCollation(), sort.offset, sort.fetch));
    }

    private static RexNode limitHint(Sort sort, RexBuilder rb) {
      if (sort.fetch == null) {
        return null;
      }
      if (sort.offset == null) {
        return sort.fetch;
      }
      if (sort.fetch instanceof RexLiteral f && sort.offset instanceof RexLiteral o) {
        return rb.makeExactLiteral(java.math.BigDecimal.valueOf(
            f.getValueAs(Long.class) + o.getValueAs(Long.class)));
      }
      return null;
    }
  }

  /** The scan fields to keep (at least one), or null when all are used. */
  private static int[] fieldsToKeep(ImmutableBitSet used, NokvTableScan scan) {
    int n = scan.getRowType().getFieldCount();
    if (used.cardinality() == n) {
      return null;
    }
    if (used.isEmpty()) {
      used = ImmutableBitSet.of(0);
    }
    return used.toArray();
  }

  private static int[] columns(int[] fields, NokvTableScan scan) {
    int[] cols = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      cols[i] = scan.columnOf(fields[i]);
    }
    return cols;
  }

  private static RexShuttle remap(int[] fields, NokvTableScan narrowed) {
    List<Integer> map = new ArrayList<>();
    for (int f : fields) {
      map.add(f);
    }
    return new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        int i = map.indexOf(ref.getIndex());
        return new RexInputRef(i, narrowed.getRowType().getFieldList().get(i).getType());
      }
    };
  }
}
