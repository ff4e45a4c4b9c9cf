package io.nokv.sql.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Randomised properties of {@link KeyCodec}: decoding inverts encoding, unsigned byte order is SQL
 * order, and concatenated columns order like tuples.
 */
class KeyCodecPropertyTest {
  private static final int VALUES_PER_TYPE = 3000;

  @ParameterizedTest
  @EnumSource(ColumnType.class)
  void decodeInvertsEncode(ColumnType t) {
    RandomValues r = RandomValues.seeded("decodeInvertsEncode " + t);
    SqlType type = SqlType.of(t);
    for (Object v : r.values(t, VALUES_PER_TYPE)) {
      byte[] key = encode(type, v);
      KeyReader in = new KeyReader(key);
      Object back = in.decode(type);
      String why = "seed " + r.seed + ", " + t + " " + describe(v);
      assertFalse(in.hasRemaining(), why);
      assertEquals(key.length, in.position(), why);
      if (v == null) {
        assertEquals(null, back, why);
        continue;
      }
      assertSame(RandomValues.javaClass(t), back.getClass(), why);
      switch (t) {
        case DECIMAL -> {
          assertEquals(0, ((BigDecimal) v).compareTo((BigDecimal) back), why);
          assertEquals(((BigDecimal) v).stripTrailingZeros(), back, why);
        }
        case REAL -> assertEquals(Float.valueOf((float) RandomValues.normal(v)), back, why);
        case DOUBLE -> assertEquals(Double.valueOf(RandomValues.normal(v)), back, why);
        default -> assertEquals(v, back, why);
      }
      KeyReader skipper = new KeyReader(key);
      skipper.skip(type);
      assertEquals(key.length, skipper.position(), why);
    }
  }

  @ParameterizedTest
  @EnumSource(ColumnType.class)
  void byteOrderIsSqlOrder(ColumnType t) {
    RandomValues r = RandomValues.seeded("byteOrderIsSqlOrder " + t);
    SqlType type = SqlType.of(t);
    List<Encoded> all = new ArrayList<>();
    for (Object v : r.values(t, VALUES_PER_TYPE)) {
      all.add(new Encoded(new Object[] {v}, encode(type, v)));
    }
    ColumnType[] types = {t};
    // Random pairs, then every neighbour in byte order: together they pin down the whole order.
    for (int i = 0; i < 20_000; i++) {
      checkPair(r, types, all.get(r.rnd.nextInt(all.size())), all.get(r.rnd.nextInt(all.size())));
    }
    all.sort(Comparator.comparing(Encoded::key, Arrays::compareUnsigned));
    for (int i = 1; i < all.size(); i++) {
      checkPair(r, types, all.get(i - 1), all.get(i));
    }
  }

  @Test
  void compositeKeysOrderLikeTuples() {
    RandomValues r = RandomValues.seeded("compositeKeysOrderLikeTuples");
    ColumnType[] all = ColumnType.values();
    for (int round = 0; round < 300; round++) {
      ColumnType[] types = new ColumnType[2 + r.rnd.nextInt(2)];
      List<List<Object>> pools = new ArrayList<>();
      for (int c = 0; c < types.length; c++) {
        types[c] = all[r.rnd.nextInt(all.length)];
        pools.add(r.values(types[c], 2 + r.rnd.nextInt(5))); // few values: many ties
      }
      List<Encoded> keys = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        Object[] tuple = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
          tuple[c] = pools.get(c).get(r.rnd.nextInt(pools.get(c).size()));
        }
        List<SqlType> sqlTypes = Arrays.stream(types).map(SqlType::of).toList();
        byte[] key = KeyCodec.encodeKey(sqlTypes, tuple);
        checkColumns(r, sqlTypes, tuple, key);
        keys.add(new Encoded(tuple, key));
      }
      for (Encoded a : keys) {
        for (Encoded b : keys) {
          checkPair(r, types, a, b);
        }
      }
    }
  }

  /** Decodes every column back, and skips to the last one. */
  private static void checkColumns(
      RandomValues r, List<SqlType> types, Object[] tuple, byte[] key) {
    String why = "seed " + r.seed + ", tuple " + describe(tuple);
    KeyReader in = new KeyReader(key);
    for (int c = 0; c < types.size(); c++) {
      assertEquals(
          0, RandomValues.compare(types.get(c).type(), tuple[c], in.decode(types.get(c))), why);
    }
    assertFalse(in.hasRemaining(), why);
    KeyReader skipper = new KeyReader(key);
    for (int c = 0; c < types.size() - 1; c++) {
      skipper.skip(types.get(c));
    }
    int last = types.size() - 1;
    assertEquals(
        0,
        RandomValues.compare(types.get(last).type(), tuple[last], skipper.decode(types.get(last))),
        why);
  }

  private static void checkPair(RandomValues r, ColumnType[] types, Encoded a, Encoded b) {
    int sql = 0;
    for (int c = 0; c < types.length && sql == 0; c++) {
      sql = RandomValues.compare(types[c], a.tuple[c], b.tuple[c]);
    }
    int bytes = Arrays.compareUnsigned(a.key, b.key);
    assertEquals(
        Integer.signum(sql),
        Integer.signum(bytes),
        "seed " + r.seed + ": " + describe(a.tuple) + " vs " + describe(b.tuple));
    if (sql == 0) {
      assertTrue(Arrays.equals(a.key, b.key), "equal values, different keys");
    }
  }

  private static byte[] encode(SqlType type, Object v) {
    KeyWriter w = new KeyWriter(4);
    KeyCodec.encode(w, type, v);
    return w.toByteArray();
  }

  private static String describe(Object v) {
    if (v instanceof Object[] tuple) {
      return Arrays.stream(tuple).map(KeyCodecPropertyTest::describe).toList().toString();
    }
    if (v instanceof String s) {
      return "'" + s + "' " + Arrays.toString(s.chars().toArray());
    }
    return String.valueOf(v);
  }

  private record Encoded(Object[] tuple, byte[] key) {}
}
