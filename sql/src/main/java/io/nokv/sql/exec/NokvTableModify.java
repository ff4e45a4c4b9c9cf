package io.nokv.sql.exec;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

/** INSERT, UPDATE or DELETE of a NoKV table: its input's rows go to {@link NokvRuntime#modify}. */
public final class NokvTableModify extends TableModify implements EnumerableRel {
  private final NokvTable nokvTable;

  NokvTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader catalogReader,
      RelNode input, Operation operation, List<String> updateColumnList, List<RexNode> sourceExpressionList,
      boolean flattened, NokvTable nokvTable) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumnList, sourceExpressionList, flattened);
    this.nokvTable = nokvTable;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new NokvTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs), getOperation(),
        getUpdateColumnList(), getSourceExpressionList(), isFlattened(), nokvTable);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result child;
    PlanContext.enterModify();
    try {
      child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    } finally {
      PlanContext.exitModify();
    }
    Expression childExp = builder.append("child", child.block);
    Expression rows = builder.append("rows", child.physType.convertTo(childExp, JavaRowFormat.ARRAY));
    int[] targets = new int[0];
    if (getUpdateColumnList() != null) {
      targets = new int[getUpdateColumnList().size()];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = getTable().getRowType().getFieldNames().indexOf(getUpdateColumnList().get(i));
      }
    }
    NokvRuntime.ModifySpec spec = new NokvRuntime.ModifySpec(nokvTable.def().id(), getOperation(), targets);
    builder.add(Expressions.return_(null, Expressions.call(NokvRuntime.class, "modify",
        implementor.getRootExpression(), implementor.stash(spec, NokvRuntime.ModifySpec.class), rows)));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref == Prefer.ARRAY ? JavaRowFormat.ARRAY : JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }
}
