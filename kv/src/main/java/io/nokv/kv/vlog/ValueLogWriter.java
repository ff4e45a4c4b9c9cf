package io.nokv.kv.vlog;

import io.nokv.kv.format.Coding;
import io.nokv.kv.format.ValuePointer;
import io.nokv.kv.fs.WritableFile;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Writes one value-log segment (format in {@link ValueLogFormat}): the header at construction,
 * entries with {@link #append}, the footer with {@link #finish()}. Entries are written without
 * copying the value; {@link #finish()} syncs the file, and pointers returned by {@link #append} may
 * be published only after it returned.
 *
 * <p>Not thread-safe. Owns {@code file}: {@link #finish()} and {@link #abandon()} close it. I/O
 * errors propagate as {@link IOException}s; after one the segment is unusable and the caller must
 * {@link #abandon()} it (and delete the file).
 */
public final class ValueLogWriter {
  private final WritableFile file;
  private final String fileName;
  private final long segmentNumber;
  private final byte[] prefix = new byte[ValueLogFormat.MAX_ENTRY_PREFIX];
  private final CRC32C crc = new CRC32C();
  private long entryCount;
  private boolean closed;

  public ValueLogWriter(WritableFile file, String fileName, long segmentNumber) throws IOException {
    this.file = file;
    this.fileName = fileName;
    this.segmentNumber = segmentNumber;
    file.append(ValueLogFormat.encodeHeader(segmentNumber));
  }

  /** Appends an entry for {@code userKey} and returns where it lives. */
  public ValuePointer append(byte[] userKey, byte[] value) throws IOException {
    if (closed) {
      throw new IllegalStateException(
          "value log segment " + fileName + " is already finished or abandoned");
    }
    int p = Coding.putVarint(prefix, 4, userKey.length);
    p = Coding.putVarint(prefix, p, value.length);
    long length = (long) p + userKey.length + value.length;
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("value log entry of " + length + " bytes is over 2 GiB");
    }
    crc.reset();
    crc.update(prefix, 4, p - 4);
    crc.update(userKey, 0, userKey.length);
    crc.update(value, 0, value.length);
    Coding.putInt(prefix, 0, (int) crc.getValue());
    long offset = file.size();
    file.append(prefix, 0, p);
    file.append(userKey, 0, userKey.length);
    file.append(value, 0, value.length);
    entryCount++;
    return new ValuePointer(segmentNumber, offset, (int) length);
  }

  /** Writes the footer, syncs and closes; returns the file's size. */
  public long finish() throws IOException {
    if (closed) {
      throw new IllegalStateException(
          "value log segment " + fileName + " is already finished or abandoned");
    }
    closed = true;
    try (WritableFile f = file) {
      f.append(ValueLogFormat.encodeFooter(entryCount, f.size()));
      f.sync();
      return f.size();
    }
  }

  /** Closes without a footer, leaving a segment readers reject; the caller deletes it. */
  public void abandon() throws IOException {
    if (!closed) {
      closed = true;
      file.close();
    }
  }

  /** Bytes written so far, header included. */
  public long size() {
    return file.size();
  }

  public long entryCount() {
    return entryCount;
  }

  public long segmentNumber() {
    return segmentNumber;
  }

  public String fileName() {
    return fileName;
  }
}
