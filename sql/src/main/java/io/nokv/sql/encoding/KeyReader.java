package io.nokv.sql.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Reads {@link KeyCodec} encodings back, column by column, from a position in a key (after the
 * table or index prefix: {@link TableKeys#ROW_PREFIX_LENGTH}, {@link
 * TableKeys#INDEX_PREFIX_LENGTH}). Values come back as Calcite's Java types: Integer for INTEGER,
 * Byte for TINYINT, and so on; a DECIMAL comes back without trailing zeros (rescale it to the
 * column). Not thread-safe.
 */
public final class KeyReader {
  final byte[] key;
  int pos;

  /** Escaped zeros seen by the last {@link #scanEscaped()}. */
  private int escapes;

  public KeyReader(byte[] key) {
    this(key, 0);
  }

  public KeyReader(byte[] key, int offset) {
    if (offset < 0 || offset > key.length) {
      throw new IllegalArgumentException(
          "offset " + offset + " outside a " + key.length + "-byte key");
    }
    this.key = key;
    this.pos = offset;
  }

  /** Offset of the next column's encoding. */
  public int position() {
    return pos;
  }

  /** Whether bytes follow (more columns, in a key whose layout allows them). */
  public boolean hasRemaining() {
    return pos < key.length;
  }

  /** Reads the next column as {@code type}; null for SQL NULL. */
  public Object decode(SqlType type) {
    if (readMarker()) {
      return null;
    }
    return switch (type.type()) {
      case BOOLEAN -> readBoolean();
      case TINYINT -> Byte.valueOf((byte) readIntegral(type, Byte.MIN_VALUE, Byte.MAX_VALUE));
      case SMALLINT -> Short.valueOf((short) readIntegral(type, Short.MIN_VALUE, Short.MAX_VALUE));
      case INTEGER, DATE, TIME ->
          Integer.valueOf((int) readIntegral(type, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case BIGINT, TIMESTAMP -> Long.valueOf(readLong() ^ Long.MIN_VALUE);
      case REAL -> Float.valueOf((float) KeyCodec.fromSortableBits(readLong()));
      case DOUBLE -> Double.valueOf(KeyCodec.fromSortableBits(readLong()));
      case DECIMAL -> DecimalKey.decode(this);
      case CHAR, VARCHAR -> readString();
      case VARBINARY -> new ByteString(readBinary());
    };
  }

  /** Steps over the next column, a {@code type} value, without building it. */
  public void skip(SqlType type) {
    if (readMarker()) {
      return;
    }
    switch (type.type()) {
      case BOOLEAN -> readBoolean();
      case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, REAL, DOUBLE -> readLong();
      case DECIMAL -> DecimalKey.skip(this);
      case CHAR, VARCHAR, VARBINARY -> pos = scanEscaped() + 2;
    }
  }

  /** The next byte, unsigned. */
  int next() {
    if (pos >= key.length) {
      throw new KeyFormatException(pos, "key ends inside a value");
    }
    return key[pos++] & 0xFF;
  }

  /** Reads the marker; true for NULL. */
  private boolean readMarker() {
    int marker = next();
    if (marker != KeyCodec.NULL && marker != KeyCodec.NOT_NULL) {
      throw new KeyFormatException(pos - 1, "bad marker byte " + marker);
    }
    return marker == KeyCodec.NULL;
  }

  private Boolean readBoolean() {
    int b = next();
    if (b > 1) {
      throw new KeyFormatException(pos - 1, "bad BOOLEAN byte " + b);
    }
    return b == 1;
  }

  private long readLong() {
    if (key.length - pos < 8) {
      throw new KeyFormatException(pos, "key ends inside an 8-byte value");
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (key[pos++] & 0xFF);
    }
    return v;
  }

  private long readIntegral(SqlType type, long min, long max) {
    long v = readLong() ^ Long.MIN_VALUE;
    if (v < min || v > max) {
      throw new KeyFormatException(pos - 8, "value " + v + " does not fit " + type);
    }
    return v;
  }

  private String readString() {
    int start = pos;
    int end = scanEscaped();
    pos = end + 2;
    return escapes == 0
        ? new String(key, start, end - start, StandardCharsets.UTF_8)
        : new String(unescape(start, end), StandardCharsets.UTF_8);
  }

  private byte[] readBinary() {
    int start = pos;
    int end = scanEscaped();
    pos = end + 2;
    return escapes == 0 ? Arrays.copyOfRange(key, start, end) : unescape(start, end);
  }

  /** Finds the 00 01 terminator from {@link #pos}; returns its offset and counts the escapes. */
  private int scanEscaped() {
    escapes = 0;
    for (int i = pos; ; i += 2) {
      while (i < key.length && key[i] != 0) {
        i++;
      }
      if (i + 1 >= key.length) {
        throw new KeyFormatException(pos, "unterminated string");
      }
      int b = key[i + 1] & 0xFF;
      if (b == KeyCodec.TERMINATOR) {
        return i;
      }
      if (b != KeyCodec.ESCAPED_ZERO) {
        throw new KeyFormatException(i + 1, "bad string escape byte " + b);
      }
      escapes++;
    }
  }

  private byte[] unescape(int start, int end) {
    byte[] out = new byte[end - start - escapes];
    for (int i = start, n = 0; i < end; i++, n++) {
      out[n] = key[i];
      if (key[i] == 0) {
        i++;
      }
    }
    return out;
  }
}
