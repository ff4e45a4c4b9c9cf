package io.nokv.kv.wal;

import io.nokv.kv.format.Coding;
import io.nokv.kv.fs.WritableFile;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Appends records to one write-ahead log segment (format in {@link LogFormat}). The header is
 * written by the constructor but not synced: the first {@link #sync()} makes it durable together
 * with the first records, and {@link LogReader} reads a torn header in the last segment as an empty
 * log.
 *
 * <p>Not thread-safe: the engine's commit leader is its only caller. Owns {@code file} and closes
 * it in {@link #close()}. I/O errors propagate as {@link IOException}s; after one, the segment's
 * tail is unknown and the writer must be closed and the segment treated as the last one.
 */
public final class LogWriter implements AutoCloseable {
  private final WritableFile file;
  private final String fileName;
  private final long logNumber;
  private final byte[] frameHeader = new byte[LogFormat.FRAME_HEADER_SIZE];
  private final CRC32C crc = new CRC32C();

  public LogWriter(WritableFile file, String fileName, long logNumber) throws IOException {
    this.file = file;
    this.fileName = fileName;
    this.logNumber = logNumber;
    file.append(LogFormat.encodeHeader(logNumber));
  }

  /**
   * Appends one record carrying {@code payload[off, off + len)}; returns the bytes appended (frame
   * header included). The bytes reach the OS only at {@link #flush()} or {@link #sync()}.
   */
  public long addRecord(byte[] payload, int off, int len) throws IOException {
    if (len < 0 || len > LogFormat.MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(
          "WAL record of "
              + len
              + " bytes is over the maximum of "
              + LogFormat.MAX_RECORD_BYTES
              + " bytes");
    }
    Coding.putInt(frameHeader, 4, len);
    crc.reset();
    crc.update(frameHeader, 4, 4);
    crc.update(payload, off, len);
    Coding.putInt(frameHeader, 0, (int) crc.getValue());
    file.append(frameHeader, 0, LogFormat.FRAME_HEADER_SIZE);
    file.append(payload, off, len);
    return LogFormat.FRAME_HEADER_SIZE + (long) len;
  }

  /** Hands appended records to the OS (they then survive a process crash). */
  public void flush() throws IOException {
    file.flush();
  }

  /** Forces appended records to the device (they then survive a power cut). */
  public void sync() throws IOException {
    file.sync();
  }

  /** Bytes in the segment so far, header included. */
  public long size() {
    return file.size();
  }

  public long logNumber() {
    return logNumber;
  }

  public String fileName() {
    return fileName;
  }

  /** Flushes (without syncing) and closes the file. */
  @Override
  public void close() throws IOException {
    file.close();
  }
}
