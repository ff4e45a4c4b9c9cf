package io.nokv.kv;

/**
 * Base of every error the engine raises for a reason other than a bad argument (those are
 * {@link IllegalArgumentException}s naming the limit). Unchecked, like RocksDB's Java users would
 * expect from a modern API, but a closed family: {@link CorruptionException}, {@link KvIOException},
 * {@link DbLockedException}, {@link DbClosedException}, {@link BackgroundErrorException}.
 */
public abstract class KvException extends RuntimeException {
  protected KvException(String message) {
    super(message);
  }

  protected KvException(String message, Throwable cause) {
    super(message, cause);
  }
}
