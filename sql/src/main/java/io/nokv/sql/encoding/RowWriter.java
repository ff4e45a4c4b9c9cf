package io.nokv.sql.encoding;

import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Encodes rows in the {@link RowCodec} format into one reused buffer: keep a writer per statement
 * and the only allocation per row is the returned array (plus a DECIMAL's unscaled bytes). Not
 * thread-safe.
 */
public final class RowWriter {
  private byte[] buf = new byte[128];
  private int len;

  /**
   * The row value holding {@code values[i]} as column {@code columnIds[i]} of type {@code
   * types[i]}. Ids must be non-negative and strictly ascending; values null (stored as an explicit
   * NULL) or of the column type's exact Java class.
   */
  public byte[] encode(int[] columnIds, SqlType[] types, Object[] values) {
    if (columnIds.length != types.length || columnIds.length != values.length) {
      throw new IllegalArgumentException(
          columnIds.length + " ids, " + types.length + " types and " + values.length + " values");
    }
    len = 0;
    put(RowCodec.VERSION);
    putVarint(columnIds.length);
    int previous = -1;
    for (int i = 0; i < columnIds.length; i++) {
      int id = columnIds[i];
      if (id <= previous) {
        throw new IllegalArgumentException("column ids must ascend: " + Arrays.toString(columnIds));
      }
      previous = id;
      putVarint(id);
      putValue(id, types[i], values[i]);
    }
    return Arrays.copyOf(buf, len);
  }

  private void putValue(int id, SqlType type, Object value) {
    if (value == null) {
      put(RowCodec.TAG_NULL);
      return;
    }
    put(type.type().code());
    try {
      switch (type.type()) {
        case BOOLEAN -> put((Boolean) value ? 1 : 0);
        case TINYINT -> putSigned((Byte) value);
        case SMALLINT -> putSigned((Short) value);
        case INTEGER, DATE, TIME -> putSigned((Integer) value);
        case BIGINT, TIMESTAMP -> putSigned((Long) value);
        case REAL -> putLittleEndian(Float.floatToRawIntBits((Float) value), 4);
        case DOUBLE -> putLittleEndian(Double.doubleToRawLongBits((Double) value), 8);
        case DECIMAL -> putDecimal((BigDecimal) value);
        case CHAR, VARCHAR -> putString((String) value);
        case VARBINARY -> putBinary((ByteString) value);
      }
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(
          "column "
              + id
              + " ("
              + type
              + ") cannot hold a "
              + value.getClass().getName()
              + " (coerce values to the column type first)");
    }
  }

  private void putDecimal(BigDecimal d) {
    putSigned(d.scale());
    byte[] unscaled = d.unscaledValue().toByteArray();
    putVarint(unscaled.length);
    ensure(unscaled.length);
    System.arraycopy(unscaled, 0, buf, len, unscaled.length);
    len += unscaled.length;
  }

  private void putString(String s) {
    int n = Utf8.encodedLength(s);
    putVarint(n);
    ensure(3 * s.length());
    len = Utf8.encode(s, buf, len, false);
  }

  private void putBinary(ByteString b) {
    int n = b.length();
    putVarint(n);
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = b.byteAt(i);
    }
  }

  private void putSigned(long v) {
    putVarint(v << 1 ^ v >> 63);
  }

  private void putVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) (v & 0x7F | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  private void putLittleEndian(long v, int bytes) {
    ensure(bytes);
    for (int i = 0; i < bytes; i++, v >>>= 8) {
      buf[len++] = (byte) v;
    }
  }

  private void put(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  private void ensure(int extra) {
    int need = len + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }
}
