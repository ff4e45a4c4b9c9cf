package io.nokv.sql.exec;

import io.nokv.sql.encoding.SqlType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Maps NoKV column types to Calcite's. */
public final class SqlTypes {
  private SqlTypes() {}

  public static RelDataType toRelType(RelDataTypeFactory f, SqlType t, boolean nullable) {
    RelDataType r = switch (t.type()) {
      case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case TINYINT -> f.createSqlType(SqlTypeName.TINYINT);
      case SMALLINT -> f.createSqlType(SqlTypeName.SMALLINT);
      case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
      case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, t.precision(), t.scale());
      case REAL -> f.createSqlType(SqlTypeName.REAL);
      case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case CHAR -> f.createSqlType(SqlTypeName.CHAR, t.precision());
      // Calcite would cast an over-long value down to VARCHAR(n) and so truncate it; NoKV checks the
      // length when it stores the value (22001), as the SQL standard's store assignment requires.
      case VARCHAR -> f.createSqlType(SqlTypeName.VARCHAR);
      case VARBINARY -> f.createSqlType(SqlTypeName.VARBINARY);
      case DATE -> f.createSqlType(SqlTypeName.DATE);
      case TIME -> f.createSqlType(SqlTypeName.TIME, 3);
      case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
    };
    return f.createTypeWithNullability(r, nullable);
  }
}
