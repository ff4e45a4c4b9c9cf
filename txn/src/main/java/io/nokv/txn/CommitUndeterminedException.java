package io.nokv.txn;

/**
 * The commit of the primary key failed in a way that leaves its outcome unknown (an I/O error, or
 * the store became unreachable). The transaction is either wholly committed or wholly rolled back;
 * a later read tells which. Not retryable blindly: re-running it might apply it twice.
 */
public final class CommitUndeterminedException extends TxnException {
  private final long startTs;

  public CommitUndeterminedException(long startTs, Throwable cause) {
    super("the commit of the transaction started at " + startTs + " has an unknown outcome: " + cause, cause);
    this.startTs = startTs;
  }

  public long startTs() {
    return startTs;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
