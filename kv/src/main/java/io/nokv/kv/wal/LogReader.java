package io.nokv.kv.wal;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.FormatVersionException;
import io.nokv.kv.format.Checksums;
import io.nokv.kv.format.Coding;
import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.fs.ReadAheadReader;
import io.nokv.kv.fs.ReadableFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads the records of one write-ahead log segment (format in {@link LogFormat}) and decides what
 * damage means. The rules separate a torn tail, which a crash leaves and recovery may drop, from
 * damage in the middle, which would silently lose acknowledged writes if skipped:
 *
 * <ul>
 *   <li><b>Header.</b> An unknown version (with a correct magic) is a {@link
 *       FormatVersionException}. In the last segment, a header that is short, zero-length, all
 *       zeros, of the wrong magic or of the wrong checksum is a crash right after creation: an
 *       empty log, {@link #logNumber()} -1 and {@link #tornTailOffset()} 0 (unless a valid record
 *       follows, see below). In any other segment it is a {@link CorruptionException} at offset 0.
 *   <li><b>Records, last segment.</b> A frame cut off by the end of the file, with an impossible
 *       length, or with a checksum mismatch is a torn tail if no valid record starts anywhere after
 *       it (every later offset is tried, by {@link RecordScanner} in about one pass over the tail):
 *       {@link #next()} returns null and {@link #tornTailOffset()} is the damaged frame's offset.
 *       If a valid record does follow, it is a {@link CorruptionException} naming the damaged
 *       frame's offset.
 *   <li><b>Records, other segments.</b> Any damage is a {@link CorruptionException} at the damaged
 *       frame's offset.
 * </ul>
 *
 * A false alarm is possible but errs on the safe side: a torn last record whose payload happens to
 * contain a complete, checksummed frame of its own (or a tail showing stale blocks that hold old
 * frames) is reported as damage, never dropped silently.
 *
 * <p>Not thread-safe. Owns the file it opens; close the reader. I/O errors propagate as {@link
 * IOException}s; damage is thrown as the unchecked exceptions above, naming the file (its path
 * string) and offset.
 */
public final class LogReader implements AutoCloseable {
  private static final int WINDOW = 64 * 1024;

  private final ReadableFile file;
  private final String fileName;
  private final boolean lastSegment;
  private final long fileSize;
  private final ReadAheadReader in;
  private final byte[] frame = new byte[LogFormat.FRAME_HEADER_SIZE];
  private final CRC32C crc = new CRC32C();
  private long logNumber = -1;
  private long position;
  private long tornTailOffset = -1;
  private boolean finished;

  private LogReader(ReadableFile file, String fileName, boolean lastSegment) throws IOException {
    this.file = file;
    this.fileName = fileName;
    this.lastSegment = lastSegment;
    this.fileSize = file.size();
    this.in = new ReadAheadReader(file, fileSize, WINDOW);
  }

  /**
   * Opens {@code path} and checks its header. {@code lastSegment} says whether this is the newest
   * segment, the only one a crash may have left torn.
   */
  public static LogReader open(FileSystem fs, Path path, boolean lastSegment) throws IOException {
    ReadableFile file = fs.openRead(path);
    try {
      LogReader reader = new LogReader(file, path.toString(), lastSegment);
      reader.readHeader();
      return reader;
    } catch (IOException | RuntimeException e) {
      try {
        file.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void readHeader() throws IOException {
    if (fileSize < LogFormat.HEADER_SIZE) {
      headerDamage(
          "WAL header truncated: the file has "
              + fileSize
              + " bytes, the header needs "
              + LogFormat.HEADER_SIZE);
      return;
    }
    byte[] h = new byte[LogFormat.HEADER_SIZE];
    in.readFully(0, h, 0, h.length);
    if (!Arrays.equals(h, 0, LogFormat.MAGIC.length, LogFormat.MAGIC, 0, LogFormat.MAGIC.length)) {
      headerDamage("not a WAL segment: bad magic");
      return;
    }
    int version = Coding.getInt(h, LogFormat.VERSION_OFFSET);
    if (version != LogFormat.VERSION) {
      throw new FormatVersionException(
          fileName, LogFormat.VERSION_OFFSET, version, LogFormat.VERSION);
    }
    if (Coding.getInt(h, LogFormat.HEADER_CRC_OFFSET)
        != Checksums.crc32c(h, 0, LogFormat.HEADER_CRC_OFFSET)) {
      headerDamage("WAL header checksum mismatch");
      return;
    }
    logNumber = Coding.getLong(h, LogFormat.LOG_NUMBER_OFFSET);
    position = LogFormat.HEADER_SIZE;
  }

  private void headerDamage(String detail) throws IOException {
    if (!lastSegment) {
      throw new CorruptionException(fileName, 0, detail);
    }
    long valid = RecordScanner.findValidRecord(file, fileSize, 0);
    if (valid >= 0) {
      throw new CorruptionException(
          fileName, 0, detail + "; a valid record follows at offset " + valid);
    }
    tornTailOffset = 0;
    finished = true;
  }

  /**
   * The next record's payload, or null at the end of the log (a clean end or a torn tail).
   *
   * @throws CorruptionException on damage that is not a torn tail (see the class comment)
   */
  public byte[] next() throws IOException {
    if (finished) {
      return null;
    }
    long start = position;
    long remaining = fileSize - start;
    if (remaining == 0) {
      finished = true;
      return null;
    }
    if (remaining < LogFormat.FRAME_HEADER_SIZE) {
      return damage(start, "WAL record header cut off: " + remaining + " bytes left");
    }
    in.readFully(start, frame, 0, LogFormat.FRAME_HEADER_SIZE);
    int len = Coding.getInt(frame, 4);
    if (len < 0 || len > LogFormat.MAX_RECORD_BYTES) {
      return damage(start, "impossible WAL record length " + Integer.toUnsignedString(len));
    }
    if (len > remaining - LogFormat.FRAME_HEADER_SIZE) {
      return damage(
          start,
          "WAL record of "
              + len
              + " bytes cut off: "
              + (remaining - LogFormat.FRAME_HEADER_SIZE)
              + " bytes left");
    }
    byte[] payload = new byte[len];
    in.readFully(start + LogFormat.FRAME_HEADER_SIZE, payload, 0, len);
    crc.reset();
    crc.update(frame, 4, 4);
    crc.update(payload, 0, len);
    if ((int) crc.getValue() != Coding.getInt(frame, 0)) {
      return damage(start, "WAL record checksum mismatch");
    }
    position = start + LogFormat.FRAME_HEADER_SIZE + len;
    return payload;
  }

  private byte[] damage(long offset, String detail) throws IOException {
    if (!lastSegment) {
      throw new CorruptionException(fileName, offset, detail);
    }
    long valid = RecordScanner.findValidRecord(file, fileSize, offset + 1);
    if (valid >= 0) {
      throw new CorruptionException(
          fileName,
          offset,
          detail + "; a valid record follows at offset " + valid + ", so this is not a torn tail");
    }
    tornTailOffset = offset;
    finished = true;
    return null;
  }

  /** The segment's log number from its header; -1 when the header was torn (an empty log). */
  public long logNumber() {
    return logNumber;
  }

  /**
   * Where the valid prefix ends when {@link #next()} stopped at a torn tail (0 for a torn header);
   * -1 while reading and when the log ended cleanly.
   */
  public long tornTailOffset() {
    return tornTailOffset;
  }

  /**
   * Bytes of the valid prefix read so far (header included; 0 for a torn header). Once {@link
   * #next()} has returned null, the length the segment can be cut to.
   */
  public long validLength() {
    return position;
  }

  /** The file's size when it was opened. */
  public long fileSize() {
    return fileSize;
  }

  public String fileName() {
    return fileName;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
