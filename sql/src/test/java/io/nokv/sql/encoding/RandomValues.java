package io.nokv.sql.encoding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Random SQL values of every {@link ColumnType}, biased towards edge cases and near neighbours,
 * plus the SQL order they must keep (NULL lowest). Seeded and printed so a failure replays with
 * {@code -Dnokv.test.seed=...}.
 */
final class RandomValues {
  private static final String[] PIECES = {
    "\0",
    "\u0001",
    "a",
    "b",
    "z",
    "\u007f",
    "\u0080",
    "\u00e9",
    "\u07ff",
    "\u0800",
    "\u4e2d",
    "\ud7ff",
    "\ue000",
    "\uffff",
    "\ud800\udc00",
    "\ud83d\ude00",
    "\udbff\udfff",
    " "
  };
  private static final byte[] BYTES = {0, 1, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff, 'a'};

  final long seed;
  final Random rnd;

  private RandomValues(long seed) {
    this.seed = seed;
    this.rnd = new Random(seed);
  }

  /** A generator seeded from {@code nokv.test.seed} or the clock; prints the seed. */
  static RandomValues seeded(String test) {
    long seed = Long.getLong("nokv.test.seed", System.nanoTime());
    System.out.println(test + ": seed " + seed + " (replay with -Dnokv.test.seed=" + seed + ")");
    return new RandomValues(seed);
  }

  /**
   * {@code n} values of type {@code t}: fresh ones, edge cases, NULLs and neighbours of earlier
   * ones.
   */
  List<Object> values(ColumnType t, int n) {
    List<Object> out = new ArrayList<>(n);
    out.add(null);
    while (out.size() < n) {
      Object earlier = out.get(rnd.nextInt(out.size()));
      out.add(earlier != null && rnd.nextInt(3) == 0 ? neighbour(t, earlier) : value(t));
    }
    return out;
  }

  /** A non-null value of type {@code t}, in its exact Calcite Java class. */
  Object value(ColumnType t) {
    return switch (t) {
      case BOOLEAN -> rnd.nextBoolean();
      case TINYINT -> (byte) integral(Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SMALLINT -> (short) integral(Short.MIN_VALUE, Short.MAX_VALUE);
      case INTEGER, DATE -> (int) integral(Integer.MIN_VALUE, Integer.MAX_VALUE);
      case BIGINT, TIMESTAMP -> integral(Long.MIN_VALUE, Long.MAX_VALUE);
      case TIME -> (int) integral(0, 86_399_999);
      case REAL -> (float) doubleValue(true);
      case DOUBLE -> doubleValue(false);
      case DECIMAL -> decimal();
      case CHAR, VARCHAR -> string();
      case VARBINARY -> binary();
    };
  }

  private long integral(long min, long max) {
    return switch (rnd.nextInt(4)) {
      case 0 -> clamp(new long[] {min, max, 0, 1, -1, min + 1, max - 1}[rnd.nextInt(7)], min, max);
      case 1 -> clamp(rnd.nextInt(201) - 100, min, max);
      default -> clamp(rnd.nextLong() >> rnd.nextInt(64), min, max);
    };
  }

  private static long clamp(long v, long min, long max) {
    if (v < min || v > max) {
      return min + Math.floorMod(v, max - min + 1);
    }
    return v;
  }

  private double doubleValue(boolean real) {
    double[] edges = {
      0.0,
      -0.0,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      1,
      -1,
      0.5,
      real ? Float.MIN_VALUE : Double.MIN_VALUE,
      real ? -Float.MIN_VALUE : -Double.MIN_VALUE,
      real ? Float.MAX_VALUE : Double.MAX_VALUE,
      real ? -Float.MAX_VALUE : -Double.MAX_VALUE,
      Double.longBitsToDouble(0x7ff0000000000001L),
      Double.longBitsToDouble(0xfff8000000000123L)
    };
    return switch (rnd.nextInt(4)) {
      case 0 -> edges[rnd.nextInt(edges.length)];
      case 1 -> (rnd.nextInt(2001) - 1000) / 8.0;
      default ->
          real ? Float.intBitsToFloat(rnd.nextInt()) : Double.longBitsToDouble(rnd.nextLong());
    };
  }

  private BigDecimal decimal() {
    return switch (rnd.nextInt(6)) {
      case 0 -> {
        String[] edges = {
          "0",
          "0.00",
          "0E+7",
          "1",
          "1.0",
          "1.00",
          "-1",
          "1.5",
          "1.50001",
          "2",
          "-10",
          "-9.99",
          "0.1",
          "0.01",
          "0.099",
          "1E+100",
          "1E-100",
          "-1E-100",
          "99",
          "100",
          "101",
          "12345678901234567890.123456789",
          "-98765432109876543210987654321",
          "1E+1000000",
          "-1E-1000000",
          "1E+2147483647",
          "-1E+2147483647",
          "1E-2147483647",
          "5E-2147483647"
        };
        yield new BigDecimal(edges[rnd.nextInt(edges.length)]);
      }
      case 1 -> {
        StringBuilder digits = new StringBuilder();
        int n = 1 + rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
          digits.append((char) ('0' + rnd.nextInt(10)));
        }
        BigInteger unscaled = new BigInteger(digits.toString());
        yield new BigDecimal(
            rnd.nextBoolean() ? unscaled : unscaled.negate(), rnd.nextInt(61) - 20);
      }
      case 2 -> {
        double d = Double.longBitsToDouble(rnd.nextLong());
        yield Double.isFinite(d) ? BigDecimal.valueOf(d) : BigDecimal.ONE;
      }
      case 3 -> BigDecimal.valueOf(rnd.nextInt(2001) - 1000, rnd.nextInt(6));
      case 4 -> BigDecimal.valueOf(rnd.nextLong(), rnd.nextInt(31) - 5);
      default -> new BigDecimal(BigInteger.valueOf(rnd.nextInt(1000) + 1), rnd.nextInt(401) - 200);
    };
  }

  private String string() {
    StringBuilder s = new StringBuilder();
    int n = rnd.nextInt(10) == 0 ? rnd.nextInt(60) : rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      s.append(PIECES[rnd.nextInt(PIECES.length)]);
    }
    return s.toString();
  }

  private ByteString binary() {
    byte[] b = new byte[rnd.nextInt(10) == 0 ? rnd.nextInt(60) : rnd.nextInt(5)];
    for (int i = 0; i < b.length; i++) {
      b[i] = BYTES[rnd.nextInt(BYTES.length)];
    }
    return new ByteString(b);
  }

  /** A value close to {@code v} in SQL order (or equal to it in another form). */
  private Object neighbour(ColumnType t, Object v) {
    return switch (t) {
      case BOOLEAN -> !(Boolean) v;
      case TINYINT -> (byte) ((Byte) v + (rnd.nextBoolean() ? 1 : -1));
      case SMALLINT -> (short) ((Short) v + (rnd.nextBoolean() ? 1 : -1));
      case INTEGER, DATE -> (Integer) v + (rnd.nextBoolean() ? 1 : -1);
      case TIME -> Math.floorMod((Integer) v + (rnd.nextBoolean() ? 1 : -1), 86_400_000);
      case BIGINT, TIMESTAMP -> (Long) v + (rnd.nextBoolean() ? 1 : -1);
      case REAL -> rnd.nextBoolean() ? Math.nextUp((Float) v) : -(Float) v;
      case DOUBLE -> rnd.nextBoolean() ? Math.nextDown((Double) v) : -(Double) v;
      case DECIMAL -> {
        BigDecimal d = (BigDecimal) v;
        if (Math.abs(d.scale()) > 100_000) {
          yield d.negate(); // keep the scale away from int overflow
        }
        yield switch (rnd.nextInt(4)) {
          case 0 -> d.add(d.ulp());
          case 1 -> d.subtract(d.ulp().movePointLeft(rnd.nextInt(3)));
          case 2 -> d.negate();
          default -> d.setScale(d.scale() + rnd.nextInt(4));
        };
      }
      case CHAR, VARCHAR -> {
        String s = (String) v;
        yield rnd.nextBoolean() || s.isEmpty()
            ? s + PIECES[rnd.nextInt(PIECES.length)]
            : s.substring(0, s.offsetByCodePoints(0, s.codePointCount(0, s.length()) - 1));
      }
      case VARBINARY -> {
        byte[] b = ((ByteString) v).getBytes();
        yield rnd.nextBoolean() || b.length == 0
            ? new ByteString(Arrays.copyOf(b, b.length + 1))
            : new ByteString(Arrays.copyOf(b, b.length - 1));
      }
    };
  }

  /** The SQL order of two values of type {@code t}: NULL first, -0.0 = 0.0, NaN last. */
  static int compare(ColumnType t, Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return switch (t) {
      case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
      case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP ->
          Long.compare(((Number) a).longValue(), ((Number) b).longValue());
      case REAL, DOUBLE -> Double.compare(normal(a), normal(b));
      case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b);
      case CHAR, VARCHAR ->
          Arrays.compare(((String) a).codePoints().toArray(), ((String) b).codePoints().toArray());
      case VARBINARY ->
          Arrays.compareUnsigned(((ByteString) a).getBytes(), ((ByteString) b).getBytes());
    };
  }

  /** {@code v} as SQL sees it: -0.0 is 0.0. */
  static double normal(Object v) {
    double d = ((Number) v).doubleValue();
    return d == 0.0 ? 0.0 : d;
  }

  /** The Java class Calcite uses for {@code t}. */
  static Class<?> javaClass(ColumnType t) {
    return switch (t) {
      case BOOLEAN -> Boolean.class;
      case TINYINT -> Byte.class;
      case SMALLINT -> Short.class;
      case INTEGER, DATE, TIME -> Integer.class;
      case BIGINT, TIMESTAMP -> Long.class;
      case DECIMAL -> BigDecimal.class;
      case REAL -> Float.class;
      case DOUBLE -> Double.class;
      case CHAR, VARCHAR -> String.class;
      case VARBINARY -> ByteString.class;
    };
  }
}
