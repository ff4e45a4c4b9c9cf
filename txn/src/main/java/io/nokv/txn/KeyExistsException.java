package io.nokv.txn;

import io.nokv.kv.format.Bytes;

/** {@link Txn#insert} found the key already present. The transaction was not committed. */
public final class KeyExistsException extends TxnException {
  private final byte[] key;

  public KeyExistsException(byte[] key) {
    super("key " + Bytes.toDebugString(key) + " already exists", null);
    this.key = key;
  }

  public byte[] key() {
    return key.clone();
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
