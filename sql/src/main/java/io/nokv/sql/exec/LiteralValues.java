package io.nokv.sql.exec;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexLiteral;

/** A literal's value in the Java type the key codec's normalisation takes. */
final class LiteralValues {
  private LiteralValues() {}

  static Object runtimeValue(RexLiteral l) {
    if (l.isNull()) {
      return null;
    }
    return switch (l.getType().getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> l.getValueAs(java.math.BigDecimal.class);
      case REAL, FLOAT, DOUBLE -> l.getValueAs(Double.class);
      case CHAR, VARCHAR -> l.getValueAs(String.class);
      case BOOLEAN -> l.getValueAs(Boolean.class);
      case DATE, TIME -> l.getValueAs(Integer.class);
      case TIMESTAMP -> l.getValueAs(Long.class);
      case BINARY, VARBINARY -> l.getValueAs(ByteString.class);
      default -> throw new IllegalArgumentException("a key bound cannot be a " + l.getType());
    };
  }

  /** Whether a literal of this type can bound a key column (the rules only push such bounds). */
  static boolean supported(RexLiteral l) {
    return switch (l.getType().getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE, CHAR, VARCHAR, BOOLEAN,
          DATE, TIME, TIMESTAMP, BINARY, VARBINARY -> true;
      default -> false;
    };
  }
}
