package io.nokv.txn.actions;

import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MvccReader;
import io.nokv.txn.mvcc.MvccWrites;

/**
 * Finishes a secondary key of a transaction whose fate the primary decided: commit it at
 * {@code commitTs}, or roll it back when {@code commitTs} is 0. A key that no longer carries the
 * transaction's lock is left alone (someone resolved it already).
 */
public final class ResolveLock {
  private ResolveLock() {}

  public static void resolve(MvccReader reader, MvccWrites writes, byte[] key, long startTs, long commitTs) {
    Lock lock = reader.loadLock(key);
    if (lock == null || lock.startTs() != startTs) {
      return;
    }
    if (commitTs > 0) {
      Commit.commit(reader, writes, key, startTs, commitTs);
    } else {
      Rollback.removeLock(writes, key, lock);
      Rollback.writeRollbackRecord(reader, writes, key, startTs);
    }
  }
}
