package io.nokv.kv;

/**
 * A persistent file holds bytes the engine did not write: a checksum mismatch, a bad magic, an
 * impossible length. Names the file and the byte offset where the damage was found, so an operator
 * can tell which file to restore. The engine never answers a read from damaged data.
 */
public class CorruptionException extends KvException {
  private final String file;
  private final long offset;

  public CorruptionException(String file, long offset, String detail) {
    super(detail + " (file " + file + ", offset " + offset + ")");
    this.file = file;
    this.offset = offset;
  }

  public CorruptionException(String file, long offset, String detail, Throwable cause) {
    super(detail + " (file " + file + ", offset " + offset + ")", cause);
    this.file = file;
    this.offset = offset;
  }

  /** The damaged file, as a path string. */
  public String file() {
    return file;
  }

  /** Byte offset in {@link #file()} where the damage was detected; -1 when not known. */
  public long offset() {
    return offset;
  }
}
