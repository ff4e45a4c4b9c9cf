package io.nokv.sql.encoding;

/**
 * A key does not decode as the column types it is read with: truncated, a bad marker byte, a value
 * out of range for its type. Either the key is damaged or the caller's schema does not match the
 * key's.
 */
public final class KeyFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public KeyFormatException(int offset, String detail) {
    super(detail + " (key offset " + offset + ")");
    this.offset = offset;
  }

  /** Byte offset in the key where decoding failed. */
  public int offset() {
    return offset;
  }
}
