package io.nokv.sql.exec;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;

/** Turns an INSERT, UPDATE or DELETE of a NoKV table into a {@link NokvTableModify}. */
final class NokvTableModifyRule extends ConverterRule {
  static final NokvTableModifyRule INSTANCE = Config.INSTANCE
      .withConversion(LogicalTableModify.class, Convention.NONE, EnumerableConvention.INSTANCE, "NokvTableModifyRule")
      .withRuleFactory(NokvTableModifyRule::new)
      .toRule(NokvTableModifyRule.class);

  private NokvTableModifyRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    TableModify modify = (TableModify) rel;
    NokvTable table = modify.getTable().unwrap(NokvTable.class);
    if (table == null) {
      return null;
    }
    RelTraitSet traits = modify.getTraitSet().replace(EnumerableConvention.INSTANCE);
    return new NokvTableModify(modify.getCluster(), traits, modify.getTable(), modify.getCatalogReader(),
        convert(modify.getInput(), traits), modify.getOperation(), modify.getUpdateColumnList(),
        modify.getSourceExpressionList(), modify.isFlattened(), table);
  }
}
