package io.nokv.txn;

/**
 * Why a transaction failed. A closed family; {@link #isRetryable()} says whether running the whole
 * transaction again (with a new start timestamp) can succeed, which is what
 * {@link TxnClient#run} does for the retryable ones.
 */
public abstract sealed class TxnException extends RuntimeException
    permits WriteConflictException,
        KeyExistsException,
        TxnAbortedException,
        LockWaitTimeoutException,
        CommitUndeterminedException,
        RegionUnavailableException {

  TxnException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when the transaction may succeed if run again from the start. */
  public abstract boolean isRetryable();
}
