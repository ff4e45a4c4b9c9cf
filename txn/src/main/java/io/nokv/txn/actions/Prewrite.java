package io.nokv.txn.actions;

import io.nokv.txn.mvcc.CommittedWrite;
import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccReader;
import io.nokv.txn.mvcc.MvccWrites;
import io.nokv.txn.mvcc.Write;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KeyErrorException;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;

/**
 * The first phase of Percolator's commit for one key: check that nothing stands in the way, then
 * either lock the key (two-phase) or write the committed record directly (one-phase).
 *
 * <p>Split in two so that the store can check every key of a request before it writes any, and
 * pick the one-phase commit timestamp only after all checks passed.
 */
public final class Prewrite {
  private Prewrite() {}

  /** The outcome of {@link #check}. */
  public enum Check {
    /** Nothing is in the way: write the lock (or the one-phase record). */
    WRITE,
    /** This transaction already prewrote the key, or already committed it: a retried request, nothing to do. */
    ALREADY_DONE
  }

  /**
   * Checks one mutation.
   *
   * @throws KeyErrorException {@link KeyError.KeyIsLocked} when another transaction holds the key,
   *     {@link KeyError.TxnAborted} when this transaction was rolled back, {@link KeyError.WriteConflict}
   *     when a transaction committed the key after this one started, {@link KeyError.AlreadyExists} when
   *     {@code assertNotExist} is set and the key has a value
   */
  public static Check check(MvccReader reader, TxnProps txn, Mutation m) {
    byte[] key = m.key();
    Lock lock = reader.loadLock(key);
    if (lock != null) {
      if (lock.startTs() != txn.startTs()) {
        throw new KeyErrorException(new KeyError.KeyIsLocked(LockInfo.of(key, lock)));
      }
      // Our own lock: the request is a retry of one that already succeeded.
      return Check.ALREADY_DONE;
    }
    MvccReader.PrewriteView view = reader.prewriteView(key, txn.startTs());
    CommittedWrite own = view.own();
    if (own != null) {
      if (own.write().kind() == MutationKind.ROLLBACK) {
        // A resolver rolled us back (our TTL ran out) before this prewrite arrived.
        throw new KeyErrorException(new KeyError.TxnAborted(key, txn.startTs()));
      }
      // Already committed: a late duplicate of a prewrite whose transaction went on to commit.
      return Check.ALREADY_DONE;
    }
    CommittedWrite newer = view.conflict();
    if (newer != null) {
      throw new KeyErrorException(
          new KeyError.WriteConflict(key, txn.startTs(), newer.write().startTs(), newer.commitTs()));
    }
    if (m.assertNotExist()) {
      CommittedWrite latest = reader.getWrite(key, txn.startTs());
      if (latest != null && latest.write().kind() == MutationKind.PUT) {
        throw new KeyErrorException(new KeyError.AlreadyExists(key));
      }
    }
    return Check.WRITE;
  }

  /** Writes the lock of a checked mutation, and its value into the data space when it is not short. */
  public static void writeLock(MvccWrites writes, TxnProps txn, Mutation m) {
    byte[] shortValue = storeValue(writes, txn, m);
    Lock lock =
        new Lock(m.kind(), txn.primary(), txn.startTs(), txn.lockTtlMillis(), txn.minCommitTs(), txn.txnSize(), shortValue);
    writes.putLock(m.key(), lock);
  }

  /**
   * One-phase commit of a checked mutation: the write record at {@code commitTs} straight away, no
   * lock. LOCK mutations leave a LOCK record so that a transaction that started earlier and writes
   * the key still conflicts.
   */
  public static void writeCommitted(MvccWrites writes, TxnProps txn, Mutation m, long commitTs) {
    writes.putWrite(m.key(), commitTs, new Write(m.kind(), txn.startTs(), storeValue(writes, txn, m)));
  }

  /** Puts a long PUT value into the data space; returns a short one, to be inlined in the record, or null. */
  private static byte[] storeValue(MvccWrites writes, TxnProps txn, Mutation m) {
    if (m.kind() != MutationKind.PUT) {
      return null;
    }
    if (Write.isShort(m.value())) {
      return m.value();
    }
    writes.putData(m.key(), txn.startTs(), m.value());
    return null;
  }
}
