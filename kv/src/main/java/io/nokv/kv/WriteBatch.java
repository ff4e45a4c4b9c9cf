package io.nokv.kv;

import io.nokv.kv.format.ByteSink;
import io.nokv.kv.format.Coding;
import io.nokv.kv.format.ValueType;

/**
 * An ordered group of puts, deletes and range deletes applied atomically by
 * {@link Db#write(WriteOptions, WriteBatch)}: after a crash either all of it is there or none.
 *
 * <p>Serialized form (the WAL record payload, documented in docs/kv.md):
 * <pre>
 *   sequence  u64 LE   first sequence number, assigned at commit
 *   count     u32 LE   number of operations
 *   op*       type u8, varint key length, key, then for PUT and DELETE_RANGE: varint length, bytes
 *             (the value, or the exclusive range end)
 * </pre>
 * Each operation consumes one sequence number. Not thread-safe.
 */
public final class WriteBatch {
  /** Bytes before the first operation. */
  public static final int HEADER_SIZE = 12;

  private final ByteSink rep;
  private int count;

  public WriteBatch() {
    this(64);
  }

  /** A batch whose buffer starts with room for {@code reservedBytes} (as RocksDB's constructor). */
  public WriteBatch(int reservedBytes) {
    rep = new ByteSink(Math.max(HEADER_SIZE, reservedBytes));
    rep.truncate(HEADER_SIZE);
  }

  public WriteBatch put(byte[] key, byte[] value) {
    Limits.checkKey(key, "key");
    Limits.checkValue(value);
    append(ValueType.VALUE, key, value);
    return this;
  }

  public WriteBatch delete(byte[] key) {
    Limits.checkKey(key, "key");
    append(ValueType.DELETE, key, null);
    return this;
  }

  /** Deletes every key in [from, to). */
  public WriteBatch deleteRange(byte[] from, byte[] to) {
    Limits.checkRange(from, to);
    append(ValueType.RANGE_DELETE, from, to);
    return this;
  }

  private void append(byte type, byte[] key, byte[] value) {
    long grow = 1 + 10 + key.length + (value == null ? 0 : 10 + value.length);
    if (rep.size() + grow > Limits.MAX_BATCH_BYTES) {
      throw new IllegalArgumentException("write batch would exceed " + Limits.MAX_BATCH_BYTES + " bytes (Limits.MAX_BATCH_BYTES)");
    }
    rep.put(type).putLengthPrefixed(key);
    if (value != null) {
      rep.putLengthPrefixed(value);
    }
    count++;
  }

  /** Number of operations. */
  public int count() {
    return count;
  }

  /** Serialized size in bytes. */
  public int approximateSize() {
    return rep.size();
  }

  public void clear() {
    rep.truncate(HEADER_SIZE);
    count = 0;
  }

  /**
   * Serializes with {@code firstSequence}; the returned array is a copy. Internal: used by the
   * write path.
   */
  public byte[] encode(long firstSequence) {
    Coding.putLong(rep.array(), 0, firstSequence);
    rep.setInt(8, count);
    return rep.toByteArray();
  }

  /** Receives a decoded batch's operations, in order. */
  public interface Handler {
    void put(long sequence, byte[] key, byte[] value);

    void delete(long sequence, byte[] key);

    void deleteRange(long sequence, byte[] from, byte[] to);
  }

  /** First sequence number of a serialized batch. */
  public static long sequenceOf(byte[] encoded) {
    return Coding.getLong(encoded, 0);
  }

  /** Operation count of a serialized batch. */
  public static int countOf(byte[] encoded) {
    return Coding.getInt(encoded, 8);
  }

  /**
   * Replays a serialized batch. Throws {@link IllegalStateException} when the bytes are not a
   * well-formed batch (the caller, who knows the file, reports corruption).
   */
  public static void decode(byte[] encoded, Handler handler) {
    if (encoded.length < HEADER_SIZE) {
      throw new IllegalStateException("batch shorter than its header: " + encoded.length + " bytes");
    }
    long seq = sequenceOf(encoded);
    int n = countOf(encoded);
    int[] pos = {HEADER_SIZE};
    try {
      for (int i = 0; i < n; i++) {
        byte type = encoded[pos[0]++];
        byte[] key = lengthPrefixed(encoded, pos);
        switch (type) {
          case ValueType.VALUE -> handler.put(seq, key, lengthPrefixed(encoded, pos));
          case ValueType.DELETE -> handler.delete(seq, key);
          case ValueType.RANGE_DELETE -> handler.deleteRange(seq, key, lengthPrefixed(encoded, pos));
          default -> throw new IllegalStateException("unknown operation type " + type + " in batch");
        }
        seq++;
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("batch truncated inside operation", e);
    }
    if (pos[0] != encoded.length) {
      throw new IllegalStateException("batch has " + (encoded.length - pos[0]) + " trailing bytes");
    }
  }

  private static byte[] lengthPrefixed(byte[] b, int[] pos) {
    int len = Coding.getVarint32(b, pos);
    if (len > b.length - pos[0]) {
      throw new IllegalStateException("length " + len + " runs past the end of the batch");
    }
    byte[] out = new byte[len];
    System.arraycopy(b, pos[0], out, 0, len);
    pos[0] += len;
    return out;
  }
}
