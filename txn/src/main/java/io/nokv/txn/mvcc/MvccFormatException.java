package io.nokv.txn.mvcc;

import io.nokv.kv.KvException;

/** A lock or write record that does not decode: a bug or a damaged store, never a retryable state. */
public final class MvccFormatException extends KvException {
  public MvccFormatException(String message) {
    super(message);
  }
}
