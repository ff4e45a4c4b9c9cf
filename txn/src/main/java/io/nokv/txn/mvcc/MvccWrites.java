package io.nokv.txn.mvcc;

import io.nokv.kv.WriteBatch;

/** The engine writes of one action, applied as one atomic, synced batch by the store. */
public final class MvccWrites {
  private final WriteBatch batch = new WriteBatch();

  public void putLock(byte[] key, Lock lock) {
    batch.put(MvccKeys.lockKey(key), lock.encode());
  }

  public void deleteLock(byte[] key) {
    batch.delete(MvccKeys.lockKey(key));
  }

  public void putWrite(byte[] key, long commitTs, Write write) {
    batch.put(MvccKeys.writeKey(key, commitTs), write.encode());
  }

  public void deleteWrite(byte[] key, long commitTs) {
    batch.delete(MvccKeys.writeKey(key, commitTs));
  }

  public void putData(byte[] key, long startTs, byte[] value) {
    batch.put(MvccKeys.dataKey(key, startTs), value);
  }

  public void deleteData(byte[] key, long startTs) {
    batch.delete(MvccKeys.dataKey(key, startTs));
  }

  public boolean isEmpty() {
    return batch.count() == 0;
  }

  public int count() {
    return batch.count();
  }

  public WriteBatch batch() {
    return batch;
  }
}
