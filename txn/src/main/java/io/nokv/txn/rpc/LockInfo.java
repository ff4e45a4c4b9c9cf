package io.nokv.txn.rpc;

import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MutationKind;

/** What a caller learns about a lock that stands in its way. */
public record LockInfo(
    byte[] key, byte[] primary, long startTs, long ttlMillis, MutationKind kind, long minCommitTs, long txnSize) {

  public static LockInfo of(byte[] key, Lock lock) {
    return new LockInfo(
        key, lock.primary(), lock.startTs(), lock.ttlMillis(), lock.kind(), lock.minCommitTs(), lock.txnSize());
  }
}
