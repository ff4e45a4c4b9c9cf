package io.nokv.txn;

/** Settings of a {@link TxnClient}; fluent setters, checked when set. */
public final class TxnClientOptions {
  private long lockTtlMillis = 3_000;
  private long lockWaitMillis = 20_000;
  private int maxRetries = 10;
  private int onePcMaxKeys = 4_096;
  private long onePcMaxBytes = 4L << 20;
  private long gcLifetimeMillis = 10 * 60_000;
  private int scanBatchSize = 256;

  /** The TTL of a transaction's locks: after it, anyone blocked by them may roll the transaction back. Default 3 s. */
  public long lockTtlMillis() {
    return lockTtlMillis;
  }

  public TxnClientOptions setLockTtlMillis(long v) {
    if (v < 1) {
      throw new IllegalArgumentException("lockTtlMillis must be positive, got " + v);
    }
    lockTtlMillis = v;
    return this;
  }

  /** How long a read or a prewrite waits for another transaction's locks before giving up. Default 20 s. */
  public long lockWaitMillis() {
    return lockWaitMillis;
  }

  public TxnClientOptions setLockWaitMillis(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("lockWaitMillis must not be negative, got " + v);
    }
    lockWaitMillis = v;
    return this;
  }

  /** How many times {@link TxnClient#run} runs a transaction again after a retryable failure. Default 10. */
  public int maxRetries() {
    return maxRetries;
  }

  public TxnClientOptions setMaxRetries(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, got " + v);
    }
    maxRetries = v;
    return this;
  }

  /** Transactions of at most this many keys, all in one region, commit in one phase. Default 4096; 0 turns 1PC off. */
  public int onePcMaxKeys() {
    return onePcMaxKeys;
  }

  public TxnClientOptions setOnePcMaxKeys(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("onePcMaxKeys must not be negative, got " + v);
    }
    onePcMaxKeys = v;
    return this;
  }

  /** ... and of at most this many bytes of keys and values. Default 4 MiB. */
  public long onePcMaxBytes() {
    return onePcMaxBytes;
  }

  public TxnClientOptions setOnePcMaxBytes(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("onePcMaxBytes must not be negative, got " + v);
    }
    onePcMaxBytes = v;
    return this;
  }

  /** How long old versions stay readable: the GC safe point trails the clock by this much. Default 10 min. */
  public long gcLifetimeMillis() {
    return gcLifetimeMillis;
  }

  public TxnClientOptions setGcLifetimeMillis(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("gcLifetimeMillis must not be negative, got " + v);
    }
    gcLifetimeMillis = v;
    return this;
  }

  /** How many pairs a scan fetches from a store at a time. Default 256. */
  public int scanBatchSize() {
    return scanBatchSize;
  }

  public TxnClientOptions setScanBatchSize(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("scanBatchSize must be positive, got " + v);
    }
    scanBatchSize = v;
    return this;
  }
}
