package io.nokv.kv;

import java.io.IOException;

/** An operating-system I/O error on a named file (disk full, permission, device error). */
public class KvIOException extends KvException {
  private final String file;
  private final long offset;

  public KvIOException(String file, long offset, String what, IOException cause) {
    super(what + " failed on " + file + (offset >= 0 ? " at offset " + offset : "") + ": " + cause.getMessage(), cause);
    this.file = file;
    this.offset = offset;
  }

  public KvIOException(String file, String what, IOException cause) {
    this(file, -1, what, cause);
  }

  public String file() {
    return file;
  }

  /** Byte offset of the failed operation, or -1 when it was not positional. */
  public long offset() {
    return offset;
  }
}
