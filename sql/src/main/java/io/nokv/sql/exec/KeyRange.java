package io.nokv.sql.exec;

import java.util.List;
import org.apache.calcite.rex.RexDynamicParam;

/**
 * A range of an access path's entries as planned: equalities on its first columns, then optional
 * bounds on the next one. Each value is a literal in Calcite's runtime representation, or a
 * {@link RexDynamicParam} ({@code ?}) bound when the statement runs.
 *
 * @param eq values of the first {@code eq.size()} key columns
 * @param lo lower bound of the next column, or null
 * @param hi upper bound of the next column, or null
 */
public record KeyRange(List<Object> eq, Object lo, boolean loInclusive, Object hi, boolean hiInclusive) {

  public boolean hasBounds() {
    return lo != null || hi != null;
  }

  KeyRange withEq(Object v) {
    List<Object> e = new java.util.ArrayList<>(eq);
    e.add(v);
    return new KeyRange(e, lo, loInclusive, hi, hiInclusive);
  }

  KeyRange withBounds(Object l, boolean li, Object h, boolean hi) {
    return new KeyRange(eq, l, li, h, hi);
  }

  private static String show(Object v) {
    return v instanceof RexDynamicParam p ? "?" + p.getIndex() : v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    String sep = "";
    for (Object v : eq) {
      b.append(sep).append("=").append(show(v));
      sep = ", ";
    }
    if (lo != null) {
      b.append(sep).append(loInclusive ? ">=" : ">").append(show(lo));
      sep = ", ";
    }
    if (hi != null) {
      b.append(sep).append(hiInclusive ? "<=" : "<").append(show(hi));
    }
    return b.append("]").toString();
  }
}
