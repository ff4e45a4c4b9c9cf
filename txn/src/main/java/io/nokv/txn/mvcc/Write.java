package io.nokv.txn.mvcc;

/**
 * A write record: what a transaction did to a key, stored at {@code 'w' enc(key) ~commit_ts}.
 * Rollback records are stored at the transaction's start timestamp instead, so that a late
 * prewrite of a rolled-back transaction finds them.
 *
 * <p>Value layout (the engine's WAL and SSTable checksums protect it):
 *
 * <pre>
 *   version u8 (=1) | kind u8 | start_ts u64 | flags u8 (bit 0: short value present) | [short value (varint length, bytes)]
 * </pre>
 *
 * @param kind PUT, DELETE, LOCK or ROLLBACK
 * @param startTs the start timestamp of the transaction that wrote it
 * @param shortValue a PUT's value when it is at most {@link #SHORT_VALUE_MAX} bytes; otherwise null and
 *     the value is in the data space at {@code 'd' enc(key) ~start_ts}
 */
public record Write(MutationKind kind, long startTs, byte[] shortValue) {
  /** Values up to this length live inside the lock and write records (as in TiKV). */
  public static final int SHORT_VALUE_MAX = 255;

  static final int VERSION = 1;

  public byte[] encode() {
    RecordCodec.Writer w = new RecordCodec.Writer(12 + (shortValue == null ? 0 : shortValue.length + 2));
    w.u8(VERSION).u8(kind.code()).u64(startTs);
    if (shortValue == null) {
      w.u8(0);
    } else {
      w.u8(1).bytes(shortValue);
    }
    return w.toBytes();
  }

  public static Write decode(byte[] value) {
    RecordCodec.Reader r = new RecordCodec.Reader(value, "write record");
    int version = r.u8();
    if (version != VERSION) {
      throw new MvccFormatException("write record version " + version + ", expected " + VERSION);
    }
    MutationKind kind = MutationKind.fromCode(r.u8());
    long startTs = r.u64();
    int flags = r.u8();
    byte[] shortValue = (flags & 1) != 0 ? r.bytes() : null;
    r.end();
    return new Write(kind, startTs, shortValue);
  }

  public static boolean isShort(byte[] value) {
    return value.length <= SHORT_VALUE_MAX;
  }
}
