package io.nokv.txn;

import io.nokv.kv.format.Bytes;

/**
 * Another transaction committed a key this one writes (or locked with {@code lockKeys}) after this
 * one started: first committer wins. Nothing of this transaction was committed; run it again.
 */
public final class WriteConflictException extends TxnException {
  private final byte[] key;
  private final long startTs;
  private final long conflictCommitTs;

  public WriteConflictException(byte[] key, long startTs, long conflictCommitTs) {
    super(
        "write conflict on key " + Bytes.toDebugString(key) + ": a transaction committed at " + conflictCommitTs
            + " after this one started at " + startTs + "; retry the transaction",
        null);
    this.key = key;
    this.startTs = startTs;
    this.conflictCommitTs = conflictCommitTs;
  }

  public byte[] key() {
    return key.clone();
  }

  public long startTs() {
    return startTs;
  }

  public long conflictCommitTs() {
    return conflictCommitTs;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
