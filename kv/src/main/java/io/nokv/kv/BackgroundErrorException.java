package io.nokv.kv;

/**
 * A background flush, compaction or WAL sync failed earlier; the database refuses further writes
 * so that nothing is acknowledged that might not be durable. Reopen the database to recover.
 */
public class BackgroundErrorException extends KvException {
  public BackgroundErrorException(String message, Throwable cause) {
    super(message, cause);
  }
}
