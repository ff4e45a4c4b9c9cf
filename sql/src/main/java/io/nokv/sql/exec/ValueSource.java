package io.nokv.sql.exec;

import org.apache.calcite.DataContext;

/** A key value known when the plan is made (a literal) or only when it runs (a {@code ?} parameter). */
public record ValueSource(Object literal, int paramIndex) {
  public static ValueSource literal(Object value) {
    return new ValueSource(value, -1);
  }

  public static ValueSource param(int index) {
    return new ValueSource(null, index);
  }

  public Object value(DataContext root) {
    return paramIndex < 0 ? literal : root.get("?" + paramIndex);
  }

  @Override
  public String toString() {
    return paramIndex < 0 ? String.valueOf(literal) : "?" + paramIndex;
  }
}
