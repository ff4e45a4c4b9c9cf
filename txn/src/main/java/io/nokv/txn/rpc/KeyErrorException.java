package io.nokv.txn.rpc;

/** Carries a {@link KeyError} out of an action; the store turns it into the response's error. */
public final class KeyErrorException extends RuntimeException {
  private final transient KeyError error;

  public KeyErrorException(KeyError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public KeyError error() {
    return error;
  }
}
