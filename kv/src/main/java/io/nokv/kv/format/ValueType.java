package io.nokv.kv.format;

/**
 * The kind of an internal entry, stored in the low byte of the key trailer. Values are persistent
 * (in WAL batches and SSTables): never renumber them.
 */
public final class ValueType {
  private ValueType() {}

  /** A point tombstone. */
  public static final byte DELETE = 0;
  /** A value stored inline. */
  public static final byte VALUE = 1;
  /** The value is in the value log; the stored bytes are a {@link ValuePointer}. SSTables only. */
  public static final byte VALUE_POINTER = 2;
  /** A range tombstone [key, value). WAL batches and memtables only (then the manifest). */
  public static final byte RANGE_DELETE = 3;
  /**
   * Used only in seek targets: sorts before every real type with the same sequence, so that
   * {@code seek(key, seq, FOR_SEEK)} lands on the newest entry with sequence <= seq.
   */
  public static final byte FOR_SEEK = (byte) 0xFF;

  public static boolean isKnown(byte type) {
    return type >= DELETE && type <= RANGE_DELETE;
  }
}
