package io.nokv.sql.encoding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Reads chosen columns out of {@link RowCodec} row values in one pass: built once per projection
 * (column ids in any order, their current types, and the defaults of columns added after a row was
 * written), then applied to every row. Columns not asked for are skipped by their tag without being
 * built; reading stops after the last column asked for. Immutable and thread-safe.
 */
public final class RowDecoder {
  /** The requested ids, ascending, with their types, defaults and request positions. */
  private final int[] ids;

  private final SqlType[] types;
  private final Object[] defaults;
  private final int[] slots;
  private final int[] identity;

  /**
   * A decoder for columns {@code columnIds} (distinct, any order) of types {@code types}; a column
   * absent from a row reads as {@code defaults[i]} (coerced to its type here), or null when {@code
   * defaults} is null.
   */
  public RowDecoder(int[] columnIds, SqlType[] types, Object[] defaults) {
    int n = columnIds.length;
    if (types.length != n || (defaults != null && defaults.length != n)) {
      throw new IllegalArgumentException("ids, types and defaults differ in length");
    }
    int[] order =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingInt(i -> columnIds[i]))
            .mapToInt(Integer::intValue)
            .toArray();
    this.ids = new int[n];
    this.types = new SqlType[n];
    this.defaults = new Object[n];
    this.slots = order;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      ids[k] = columnIds[i];
      if (ids[k] < 0 || (k > 0 && ids[k] == ids[k - 1])) {
        throw new IllegalArgumentException("bad or repeated column id " + ids[k]);
      }
      this.types[k] = types[i];
      this.defaults[k] = defaults == null ? null : RowCodec.coerce(types[i], defaults[i]);
    }
    this.identity = IntStream.range(0, n).toArray();
  }

  /** Decodes into {@code out[i]} the i-th column asked for. */
  public void decode(byte[] value, Object[] out) {
    decode(value, out, identity);
  }

  /** Decodes into {@code out[outPositions[i]]} the i-th column asked for. */
  public void decode(byte[] value, Object[] out, int[] outPositions) {
    Cursor in = new Cursor(value);
    int version = in.next();
    if (version != RowCodec.VERSION) {
      throw new RowFormatException(0, "unknown row format version " + version);
    }
    int count = in.readLength("column count");
    int k = 0;
    int i = 0;
    for (int previous = -1; i < count && k < ids.length; i++) {
      int at = in.pos;
      int id = in.readLength("column id");
      if (id <= previous) {
        throw new RowFormatException(at, "column id " + id + " after " + previous);
      }
      previous = id;
      for (; k < ids.length && ids[k] < id; k++) {
        out[outPositions[slots[k]]] = defaults[k];
      }
      if (k < ids.length && ids[k] == id) {
        out[outPositions[slots[k]]] = in.readValue(types[k], id);
        k++;
      } else {
        in.skipValue(id);
      }
    }
    if (i == count && in.pos != value.length) {
      throw new RowFormatException(
          in.pos, (value.length - in.pos) + " bytes after the last column");
    }
    for (; k < ids.length; k++) {
      out[outPositions[slots[k]]] = defaults[k];
    }
  }

  /** A position in one row value. */
  private static final class Cursor {
    private final byte[] in;
    private int pos;

    Cursor(byte[] in) {
      this.in = in;
    }

    int next() {
      if (pos >= in.length) {
        throw new RowFormatException(pos, "row value ends early");
      }
      return in[pos++] & 0xFF;
    }

    long readVarint() {
      int at = pos;
      long v = 0;
      for (int shift = 0; shift < 70; shift += 7) {
        int b = next();
        v |= (long) (b & 0x7F) << shift;
        if (b < 0x80) {
          return v;
        }
      }
      throw new RowFormatException(at, "varint longer than 10 bytes");
    }

    long readSigned() {
      long v = readVarint();
      return v >>> 1 ^ -(v & 1);
    }

    int readLength(String what) {
      int at = pos;
      long v = readVarint();
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new RowFormatException(at, what + " " + Long.toUnsignedString(v) + " out of range");
      }
      return (int) v;
    }

    /** Checks that {@code n} bytes follow. */
    int need(int n) {
      if (n > in.length - pos) {
        throw new RowFormatException(pos, n + " bytes needed, " + (in.length - pos) + " left");
      }
      return n;
    }

    Object readValue(SqlType want, int id) {
      int at = pos;
      ColumnType stored = readTag(id);
      if (stored == null) {
        return null;
      }
      Object v = readPayload(stored, at, id);
      if (stored != want.type()
          || (v instanceof BigDecimal d && want.scale() != -1 && d.scale() != want.scale())) {
        return RowCodec.coerce(want, v); // the column's type or scale changed since the write
      }
      return v;
    }

    void skipValue(int id) {
      ColumnType stored = readTag(id);
      if (stored == null) {
        return;
      }
      switch (stored) {
        case BOOLEAN -> skip(1);
        case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP -> readVarint();
        case REAL -> skip(4);
        case DOUBLE -> skip(8);
        case DECIMAL -> {
          readVarint();
          skip(readLength("DECIMAL length"));
        }
        case CHAR, VARCHAR, VARBINARY -> skip(readLength("length"));
      }
    }

    private void skip(int n) {
      need(n);
      pos += n;
    }

    /** The stored type, or null for a NULL value. */
    private ColumnType readTag(int id) {
      int tag = next();
      if (tag == RowCodec.TAG_NULL) {
        return null;
      }
      ColumnType t = ColumnType.fromCode(tag);
      if (t == null) {
        throw new RowFormatException(pos - 1, "unknown type tag " + tag + " for column id " + id);
      }
      return t;
    }

    private Object readPayload(ColumnType stored, int at, int id) {
      return switch (stored) {
        case BOOLEAN -> {
          int b = next();
          if (b > 1) {
            throw new RowFormatException(pos - 1, "BOOLEAN byte " + b + " in column id " + id);
          }
          yield b == 1;
        }
        case TINYINT -> Byte.valueOf((byte) readIntegral(at, id, Byte.MIN_VALUE, Byte.MAX_VALUE));
        case SMALLINT ->
            Short.valueOf((short) readIntegral(at, id, Short.MIN_VALUE, Short.MAX_VALUE));
        case INTEGER, DATE, TIME ->
            Integer.valueOf((int) readIntegral(at, id, Integer.MIN_VALUE, Integer.MAX_VALUE));
        case BIGINT, TIMESTAMP -> Long.valueOf(readSigned());
        case REAL -> Float.valueOf(Float.intBitsToFloat((int) readLittleEndian(4)));
        case DOUBLE -> Double.valueOf(Double.longBitsToDouble(readLittleEndian(8)));
        case DECIMAL -> readDecimal(id);
        case CHAR, VARCHAR -> {
          int n = need(readLength("length"));
          String s = new String(in, pos, n, StandardCharsets.UTF_8);
          pos += n;
          yield s;
        }
        case VARBINARY -> {
          int n = need(readLength("length"));
          pos += n;
          yield new ByteString(Arrays.copyOfRange(in, pos - n, pos));
        }
      };
    }

    private long readIntegral(int at, int id, long min, long max) {
      long v = readSigned();
      if (v < min || v > max) {
        throw new RowFormatException(at, "value " + v + " out of range for tag in column id " + id);
      }
      return v;
    }

    private long readLittleEndian(int bytes) {
      need(bytes);
      long v = 0;
      for (int i = 0; i < bytes; i++) {
        v |= (long) (in[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }

    private BigDecimal readDecimal(int id) {
      int at = pos;
      long scale = readSigned();
      int n = need(readLength("DECIMAL length"));
      if (scale != (int) scale || n == 0) {
        throw new RowFormatException(at, "bad DECIMAL header in column id " + id);
      }
      BigInteger unscaled = new BigInteger(in, pos, n);
      pos += n;
      return new BigDecimal(unscaled, (int) scale);
    }
  }
}
