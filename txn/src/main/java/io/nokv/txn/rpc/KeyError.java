package io.nokv.txn.rpc;

import io.nokv.kv.format.Bytes;

/**
 * Why an MVCC action refused a key. A closed set, as TiKV's: each variant carries what the client
 * needs to decide. {@link KeyIsLocked} is resolved and retried by the client; {@link WriteConflict}
 * aborts the transaction (retry it from the start); {@link CommitTsExpired} is retried with a newer
 * commit timestamp; the others end the transaction.
 */
public sealed interface KeyError {
  byte[] key();

  String message();

  /** Another transaction's lock is in the way. */
  record KeyIsLocked(LockInfo lock) implements KeyError {
    @Override
    public byte[] key() {
      return lock.key();
    }

    @Override
    public String message() {
      return "key " + Bytes.toDebugString(lock.key()) + " is locked by the transaction started at " + lock.startTs()
          + " (primary " + Bytes.toDebugString(lock.primary()) + ")";
    }
  }

  /** A transaction that committed after {@code startTs} wrote the key. */
  record WriteConflict(byte[] key, long startTs, long conflictStartTs, long conflictCommitTs) implements KeyError {
    @Override
    public String message() {
      return "write conflict on key " + Bytes.toDebugString(key) + ": the transaction started at " + startTs
          + " conflicts with one started at " + conflictStartTs + " and committed at " + conflictCommitTs;
    }
  }

  /** An insert found the key present. */
  record AlreadyExists(byte[] key) implements KeyError {
    @Override
    public String message() {
      return "key " + Bytes.toDebugString(key) + " already exists";
    }
  }

  /** The transaction was rolled back (by itself, or by a resolver after its TTL expired). */
  record TxnAborted(byte[] key, long startTs) implements KeyError {
    @Override
    public String message() {
      return "the transaction started at " + startTs + " was rolled back (key " + Bytes.toDebugString(key) + ")";
    }
  }

  /** A commit found neither the transaction's lock nor any record of it. */
  record TxnLockNotFound(byte[] key, long startTs) implements KeyError {
    @Override
    public String message() {
      return "no lock of the transaction started at " + startTs + " on key " + Bytes.toDebugString(key);
    }
  }

  /** The commit timestamp is below the lock's min_commit_ts (a reader pushed it): commit again with a newer one. */
  record CommitTsExpired(byte[] key, long startTs, long commitTs, long minCommitTs) implements KeyError {
    @Override
    public String message() {
      return "commit_ts " + commitTs + " is below min_commit_ts " + minCommitTs + " on key " + Bytes.toDebugString(key);
    }
  }

  /** A rollback found the transaction already committed. */
  record AlreadyCommitted(byte[] key, long startTs, long commitTs) implements KeyError {
    @Override
    public String message() {
      return "the transaction started at " + startTs + " already committed at " + commitTs + " (key "
          + Bytes.toDebugString(key) + ")";
    }
  }

  /** CheckTxnStatus found no lock and no record on the primary, and was told not to roll it back. */
  record TxnNotFound(byte[] key, long startTs) implements KeyError {
    @Override
    public String message() {
      return "no trace of the transaction started at " + startTs + " on its primary " + Bytes.toDebugString(key);
    }
  }
}
