package io.nokv.txn.actions;

import io.nokv.txn.mvcc.CommittedWrite;
import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccReader;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KeyErrorException;
import io.nokv.txn.rpc.LockInfo;
import java.util.Set;

/** A snapshot read of one key at {@code readTs}. */
public final class MvccGet {
  private MvccGet() {}

  /**
   * The value committed at or below {@code readTs}, or null.
   *
   * @param bypassLocks start timestamps of transactions whose locks this reader may ignore (their
   *     min_commit_ts was pushed above {@code readTs}, or they are known to be rolled back)
   * @throws KeyErrorException {@link KeyError.KeyIsLocked} when a transaction that may commit below
   *     {@code readTs} holds the key: the caller resolves the lock or backs off, then reads again
   */
  public static byte[] get(MvccReader reader, byte[] key, long readTs, Set<Long> bypassLocks) {
    checkLock(key, reader.loadLock(key), readTs, bypassLocks);
    CommittedWrite w = reader.getWrite(key, readTs);
    if (w == null || w.write().kind() != MutationKind.PUT) {
      return null;
    }
    return reader.valueOf(key, w.write());
  }

  /**
   * Throws {@link KeyError.KeyIsLocked} when {@code lock} may hide a value committed at or below
   * {@code readTs}. Locks of transactions that started after {@code readTs}, LOCK-only locks (they
   * change no value), locks whose min_commit_ts is above {@code readTs} and bypassed locks do not.
   */
  static void checkLock(byte[] key, Lock lock, long readTs, Set<Long> bypassLocks) {
    if (lock == null
        || lock.startTs() > readTs
        || lock.kind() == MutationKind.LOCK
        || lock.minCommitTs() > readTs
        || bypassLocks.contains(lock.startTs())) {
      return;
    }
    throw new KeyErrorException(new KeyError.KeyIsLocked(LockInfo.of(key, lock)));
  }
}
