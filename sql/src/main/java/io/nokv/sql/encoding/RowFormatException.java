package io.nokv.sql.encoding;

/**
 * A stored row value is not in the {@link RowCodec} format: truncated, an unknown version or tag,
 * column ids out of order, trailing bytes. The store handed back bytes NoKV did not write, so the
 * statement fails rather than guess.
 */
public final class RowFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public RowFormatException(int offset, String detail) {
    super(detail + " (row value offset " + offset + ")");
    this.offset = offset;
  }

  /** Byte offset in the row value where the damage was found. */
  public int offset() {
    return offset;
  }
}
