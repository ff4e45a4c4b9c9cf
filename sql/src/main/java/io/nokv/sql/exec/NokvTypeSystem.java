package io.nokv.sql.exec;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/** Calcite's type system with DECIMAL up to 38 digits, as NoKV's columns allow. */
public final class NokvTypeSystem extends RelDataTypeSystemImpl {
  public static final RelDataTypeSystem INSTANCE = new NokvTypeSystem();

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxNumericPrecision() {
    return 38;
  }

  @Override
  public int getMaxNumericScale() {
    return 38;
  }
}
