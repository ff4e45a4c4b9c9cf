package io.nokv.txn;

/**
 * The transaction was rolled back before it could commit: its locks outlived their TTL and another
 * transaction rolled it back, or its commit found it rolled back. Nothing of it is visible; run it again.
 */
public final class TxnAbortedException extends TxnException {
  private final long startTs;

  public TxnAbortedException(long startTs, String reason) {
    super("the transaction started at " + startTs + " was rolled back: " + reason, null);
    this.startTs = startTs;
  }

  public long startTs() {
    return startTs;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
