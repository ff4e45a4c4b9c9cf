package io.nokv.sql.catalog;

/**
 * Where a secondary index is in its life. A new index is maintained by every write from the moment
 * it is {@link #WRITE_ONLY}, while the backfill fills it in for the rows that existed before; only a
 * {@link #PUBLIC} index is read by queries.
 */
public enum IndexState {
  WRITE_ONLY((byte) 1),
  PUBLIC((byte) 2);

  private final byte code;

  IndexState(byte code) {
    this.code = code;
  }

  public byte code() {
    return code;
  }

  public static IndexState of(byte code) {
    for (IndexState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new CatalogFormatException("unknown index state " + code);
  }
}
