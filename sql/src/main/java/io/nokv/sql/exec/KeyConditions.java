package io.nokv.sql.exec;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * What a filter says about single columns that a key range can use: equalities, IN lists and
 * comparisons against literals or parameters, per table column. Anything else is left to the
 * filter, which stays above the scan in any case.
 */
final class KeyConditions {
  /** Point values of a column (one for {@code =}, several for IN). */
  final Map<Integer, List<Object>> points = new HashMap<>();
  /** Ranges of a column from comparisons or a SEARCH of ranges. */
  final Map<Integer, List<Object[]>> ranges = new HashMap<>();

  /** Bounds: {lo, loInclusive, hi, hiInclusive}. */
  static Object[] bounds(Object lo, boolean li, Object hi, boolean hi2) {
    return new Object[] {lo, li, hi, hi2};
  }

  static KeyConditions of(RexNode condition, NokvTableScan scan) {
    KeyConditions k = new KeyConditions();
    for (RexNode c : RelOptUtil.conjunctions(condition)) {
      k.add(c, scan);
    }
    return k;
  }

  private void add(RexNode c, NokvTableScan scan) {
    if (!(c instanceof RexCall call)) {
      return;
    }
    SqlKind kind = call.getKind();
    if (kind == SqlKind.SEARCH && call.operands.get(0) instanceof RexInputRef ref
        && call.operands.get(1) instanceof RexLiteral lit) {
      Sarg<?> sarg = lit.getValueAs(Sarg.class);
      if (sarg == null || sarg.nullAs == RexUnknownAs.TRUE) {
        return; // would have to yield NULLs too
      }
      int col = scan.columnOf(ref.getIndex());
      if (sarg.isPoints()) {
        List<Object> pts = new ArrayList<>();
        for (Range<?> r : sarg.rangeSet.asRanges()) {
          pts.add(value(r.lowerEndpoint()));
        }
        points.putIfAbsent(col, pts);
      } else {
        List<Object[]> rs = new ArrayList<>();
        for (Range<?> r : sarg.rangeSet.asRanges()) {
          rs.add(bounds(
              r.hasLowerBound() ? value(r.lowerEndpoint()) : null,
              r.hasLowerBound() && r.lowerBoundType() == BoundType.CLOSED,
              r.hasUpperBound() ? value(r.upperEndpoint()) : null,
              r.hasUpperBound() && r.upperBoundType() == BoundType.CLOSED));
        }
        ranges.putIfAbsent(col, rs);
      }
      return;
    }
    if (call.operands.size() != 2) {
      return;
    }
    RexNode a = call.operands.get(0);
    RexNode b = call.operands.get(1);
    if (!(a instanceof RexInputRef) && b instanceof RexInputRef) {
      RexNode t = a;
      a = b;
      b = t;
      kind = kind.reverse();
    }
    if (!(a instanceof RexInputRef ref) || !isValue(b)) {
      return;
    }
    if (!a.getType().getSqlTypeName().getFamily().equals(b.getType().getSqlTypeName().getFamily())
        && !(b instanceof RexDynamicParam)) {
      return;
    }
    int col = scan.columnOf(ref.getIndex());
    Object v = b instanceof RexLiteral l ? LiteralValues.runtimeValue(l) : b;
    if (v == null) {
      return;
    }
    switch (kind) {
      case EQUALS -> points.putIfAbsent(col, List.of(v));
      case GREATER_THAN -> narrow(col, v, false, null, false);
      case GREATER_THAN_OR_EQUAL -> narrow(col, v, true, null, false);
      case LESS_THAN -> narrow(col, null, false, v, false);
      case LESS_THAN_OR_EQUAL -> narrow(col, null, false, v, true);
      default -> { }
    }
  }

  /** Combines a one-sided comparison with what is known of the column (a lower and an upper bound). */
  private void narrow(int col, Object lo, boolean li, Object hi, boolean hiInc) {
    List<Object[]> existing = ranges.get(col);
    if (existing == null) {
      ranges.put(col, new ArrayList<>(List.<Object[]>of(bounds(lo, li, hi, hiInc))));
      return;
    }
    if (existing.size() == 1) {
      Object[] b = existing.get(0);
      if (lo != null && b[0] == null) {
        b[0] = lo;
        b[1] = li;
      } else if (hi != null && b[2] == null) {
        b[2] = hi;
        b[3] = hiInc;
      }
    }
  }

  private static boolean isValue(RexNode n) {
    return n instanceof RexDynamicParam || (n instanceof RexLiteral l && !l.isNull() && LiteralValues.supported(l));
  }

  /** A Sarg endpoint in Calcite's runtime representation. */
  private static Object value(Object endpoint) {
    return switch (endpoint) {
      case NlsString s -> s.getValue();
      case DateString d -> d.getDaysSinceEpoch();
      case TimeString t -> t.getMillisOfDay();
      case TimestampString t -> t.getMillisSinceEpoch();
      case ByteString b -> b;
      default -> endpoint;
    };
  }
}
