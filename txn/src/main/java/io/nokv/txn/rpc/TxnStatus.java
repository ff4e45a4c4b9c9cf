package io.nokv.txn.rpc;

/** What CheckTxnStatus found out about a transaction from its primary key. */
public sealed interface TxnStatus {
  /** The primary is committed: resolve the secondaries to {@code commitTs}. */
  record Committed(long commitTs) implements TxnStatus {}

  /**
   * The primary is rolled back. {@code byThisCall} is true when this very call rolled it back
   * (its TTL had expired, or no lock was found and the caller asked for a protective rollback).
   */
  record RolledBack(boolean byThisCall) implements TxnStatus {}

  /** The transaction is alive; its lock's min_commit_ts may have been pushed above the caller's start timestamp. */
  record Locked(LockInfo lock) implements TxnStatus {}
}
