package io.nokv.txn;

import io.nokv.kv.format.Bytes;

/**
 * A lock of another, still live transaction kept blocking a read or a prewrite for longer than the
 * client's lock-wait budget. Nothing was committed; the transaction may succeed when run again.
 */
public final class LockWaitTimeoutException extends TxnException {
  public LockWaitTimeoutException(byte[] key, long lockStartTs, long waitedMillis) {
    super(
        "key " + Bytes.toDebugString(key) + " stayed locked by the transaction started at " + lockStartTs
            + " for " + waitedMillis + " ms",
        null);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
