package io.nokv.txn.mvcc;

/**
 * A prewrite lock on one key: the transaction's claim until it commits or rolls back.
 *
 * <p>Value layout (the engine's WAL and SSTable checksums protect it):
 *
 * <pre>
 *   version u8 (=1) | kind u8 | start_ts u64 | ttl_ms varint | min_commit_ts u64 | txn_size varint
 *   | primary (varint length, bytes) | flags u8 (bit 0: short value present) | [short value (varint length, bytes)]
 * </pre>
 *
 * @param kind what the transaction does to the key
 * @param primary the transaction's primary key, where its fate is decided
 * @param startTs the transaction's start timestamp
 * @param ttlMillis how long after {@code startTs}'s physical time the lock may be considered abandoned
 * @param minCommitTs commit timestamps below this are refused (readers push it up so they need not wait)
 * @param txnSize the number of keys in the transaction (a hint for resolvers)
 * @param shortValue the value when it is at most {@link Write#SHORT_VALUE_MAX} bytes, else null (then in the data space)
 */
public record Lock(
    MutationKind kind, byte[] primary, long startTs, long ttlMillis, long minCommitTs, long txnSize, byte[] shortValue) {

  static final int VERSION = 1;

  public Lock {
    if (kind == MutationKind.ROLLBACK) {
      throw new IllegalArgumentException("a lock cannot be a rollback");
    }
  }

  public Lock withMinCommitTs(long ts) {
    return new Lock(kind, primary, startTs, ttlMillis, ts, txnSize, shortValue);
  }

  /** True when the lock's TTL has run out at {@code currentTs}. */
  public boolean isExpired(long currentTs) {
    // Subtract rather than add: physical parts are small and non-negative, a TTL may be as large as Long.MAX_VALUE.
    return Timestamps.physical(currentTs) - Timestamps.physical(startTs) >= ttlMillis;
  }

  public byte[] encode() {
    RecordCodec.Writer w =
        new RecordCodec.Writer(40 + primary.length + (shortValue == null ? 0 : shortValue.length));
    w.u8(VERSION).u8(kind.code()).u64(startTs).varint(ttlMillis).u64(minCommitTs).varint(txnSize).bytes(primary);
    if (shortValue == null) {
      w.u8(0);
    } else {
      w.u8(1).bytes(shortValue);
    }
    return w.toBytes();
  }

  public static Lock decode(byte[] value) {
    RecordCodec.Reader r = new RecordCodec.Reader(value, "lock record");
    int version = r.u8();
    if (version != VERSION) {
      throw new MvccFormatException("lock record version " + version + ", expected " + VERSION);
    }
    MutationKind kind = MutationKind.fromCode(r.u8());
    if (kind == MutationKind.ROLLBACK) {
      throw new MvccFormatException("lock record of kind ROLLBACK");
    }
    long startTs = r.u64();
    long ttl = r.varint();
    long minCommitTs = r.u64();
    long size = r.varint();
    byte[] primary = r.bytes();
    int flags = r.u8();
    byte[] shortValue = (flags & 1) != 0 ? r.bytes() : null;
    r.end();
    return new Lock(kind, primary, startTs, ttl, minCommitTs, size, shortValue);
  }
}
