package io.nokv.bench;

import java.util.Iterator;
import java.util.Map;

/**
 * A minimal JSON writer for benchmark reports: maps (in their iteration order), iterables,
 * strings, numbers, booleans and null. Non-finite doubles are written as null; doubles are
 * rounded to 3 decimals, which is below any benchmark's noise.
 */
public final class Json {
  private Json() {}

  /** {@code value} as pretty-printed JSON (two-space indent). */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, int indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        sb.append("null");
      } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sb.append((long) d);
      } else {
        sb.append(java.math.BigDecimal.valueOf(d).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
      }
    } else if (v instanceof Number n) {
      sb.append(n);
    } else if (v instanceof Map<?, ?> m) {
      writeMap(sb, m, indent);
    } else if (v instanceof Iterable<?> it) {
      writeList(sb, it.iterator(), indent);
    } else {
      quote(sb, v.toString());
    }
  }

  private static void writeMap(StringBuilder sb, Map<?, ?> m, int indent) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append("{\n");
    Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      pad(sb, indent + 1);
      quote(sb, String.valueOf(e.getKey()));
      sb.append(": ");
      write(sb, e.getValue(), indent + 1);
      sb.append(it.hasNext() ? ",\n" : "\n");
    }
    pad(sb, indent);
    sb.append('}');
  }

  private static void writeList(StringBuilder sb, Iterator<?> it, int indent) {
    if (!it.hasNext()) {
      sb.append("[]");
      return;
    }
    sb.append("[\n");
    while (it.hasNext()) {
      pad(sb, indent + 1);
      write(sb, it.next(), indent + 1);
      sb.append(it.hasNext() ? ",\n" : "\n");
    }
    pad(sb, indent);
    sb.append(']');
  }

  private static void pad(StringBuilder sb, int indent) {
    sb.append("  ".repeat(indent));
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
