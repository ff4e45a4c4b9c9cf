package io.nokv.kv.memtable;

import io.nokv.kv.format.ValueType;

/**
 * The answer of a point lookup in one source (a memtable, or anything else that reuses it):
 * <ul>
 *   <li>{@link Status#FOUND}: the newest visible version is a value; {@code value} holds the stored
 *       bytes, which for {@code valueType == VALUE_POINTER} are an encoded value-log pointer the
 *       caller must resolve;
 *   <li>{@link Status#DELETED}: a point or range tombstone hides the key here and in every older
 *       source, so the caller stops searching;
 *   <li>{@link Status#NOT_FOUND}: this source says nothing about the key; search older sources.
 * </ul>
 * {@code sequence} is the sequence of the entry or tombstone that decided the answer (0 for
 * NOT_FOUND). The value array is shared with the source and must not be modified.
 */
public record GetResult(Status status, byte[] value, long sequence, byte valueType) {
  public enum Status {
    FOUND,
    DELETED,
    NOT_FOUND
  }

  public static final GetResult NOT_FOUND = new GetResult(Status.NOT_FOUND, null, 0, ValueType.DELETE);

  public static GetResult found(byte[] value, long sequence, byte valueType) {
    return new GetResult(Status.FOUND, value, sequence, valueType);
  }

  public static GetResult deleted(long sequence) {
    return new GetResult(Status.DELETED, null, sequence, ValueType.DELETE);
  }

  public boolean isFound() {
    return status == Status.FOUND;
  }

  public boolean isDeleted() {
    return status == Status.DELETED;
  }

  /** Whether {@link #value()} is an encoded {@link io.nokv.kv.format.ValuePointer}. */
  public boolean isValuePointer() {
    return valueType == ValueType.VALUE_POINTER;
  }
}
