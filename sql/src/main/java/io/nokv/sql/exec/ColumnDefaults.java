package io.nokv.sql.exec;

import io.nokv.sql.catalog.ColumnDef;
import io.nokv.sql.catalog.TableDef;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

/** Supplies the DEFAULT expressions of a table's columns to Calcite when an INSERT omits them. */
final class ColumnDefaults extends NullInitializerExpressionFactory {
  private final TableDef def;

  ColumnDefaults(TableDef def) {
    this.def = def;
  }

  @Override
  public ColumnStrategy generationStrategy(RelOptTable table, int iColumn) {
    if (def.columns().get(iColumn).defaultSql() != null) {
      return ColumnStrategy.DEFAULT;
    }
    return super.generationStrategy(table, iColumn);
  }

  @Override
  public RexNode newColumnDefaultValue(RelOptTable table, int iColumn, InitializerContext context) {
    ColumnDef c = def.columns().get(iColumn);
    if (c.defaultSql() == null) {
      return super.newColumnDefaultValue(table, iColumn, context);
    }
    RelDataType type = table.getRowType().getFieldList().get(iColumn).getType();
    SqlNode e;
    try {
      e = SqlParser.create(c.defaultSql(), NokvSqlConfig.PARSER).parseExpression();
    } catch (SqlParseException ex) {
      throw new IllegalStateException("the stored DEFAULT of " + def.name() + "." + c.name()
          + " does not parse: " + c.defaultSql(), ex);
    }
    RexNode r = context.convertExpression(e);
    return context.getRexBuilder().ensureType(type, r, true);
  }
}
