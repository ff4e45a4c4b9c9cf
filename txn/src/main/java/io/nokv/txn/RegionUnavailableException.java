package io.nokv.txn;

/** Region errors went on past the retry budget (no leader, epochs changing, store busy). Nothing was committed. */
public final class RegionUnavailableException extends TxnException {
  public RegionUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
