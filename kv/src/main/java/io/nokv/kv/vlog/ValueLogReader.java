package io.nokv.kv.vlog;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.FormatVersionException;
import io.nokv.kv.format.Checksums;
import io.nokv.kv.format.Coding;
import io.nokv.kv.format.ValuePointer;
import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.fs.ReadAheadReader;
import io.nokv.kv.fs.ReadableFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads a finished value-log segment (format in {@link ValueLogFormat}). {@link #open} checks the
 * header (magic, version, checksum, segment number) and the footer (magic, checksum, data end);
 * every entry read is checked against its checksum and its declared lengths.
 *
 * <p>Thread-safe for concurrent {@link #read}/{@link #readEntry}; each {@link Cursor} is
 * single-threaded. Owns the file it opens; close the reader (cursors die with it). Damage is a
 * {@link CorruptionException} naming the file (its path string) and the offset of the damaged
 * entry, header or footer; an unknown version is a {@link FormatVersionException}; I/O errors
 * propagate as {@link IOException}s.
 */
public final class ValueLogReader implements AutoCloseable {
  private static final int WINDOW = 64 * 1024;

  /** A decoded entry. */
  public record Entry(byte[] key, byte[] value) {}

  /** Receives the entries of a segment in file order. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(ValuePointer pointer, byte[] key, byte[] value) throws IOException;
  }

  private final ReadableFile file;
  private final String fileName;
  private final long segmentNumber;
  private long entryCount;
  private long dataEnd;

  private ValueLogReader(ReadableFile file, String fileName, long segmentNumber) {
    this.file = file;
    this.fileName = fileName;
    this.segmentNumber = segmentNumber;
  }

  /** Opens {@code path}, which must be segment {@code expectedSegmentNumber}, and checks it. */
  public static ValueLogReader open(FileSystem fs, Path path, long expectedSegmentNumber)
      throws IOException {
    ReadableFile file = fs.openRead(path);
    try {
      ValueLogReader reader = new ValueLogReader(file, path.toString(), expectedSegmentNumber);
      reader.readHeaderAndFooter();
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

  private void readHeaderAndFooter() throws IOException {
    long size = file.size();
    if (size < ValueLogFormat.HEADER_SIZE + ValueLogFormat.FOOTER_SIZE) {
      throw new CorruptionException(
          fileName,
          0,
          "value log segment of " + size + " bytes is too short for its header and footer");
    }
    byte[] h = file.readFully(0, ValueLogFormat.HEADER_SIZE);
    if (!hasMagic(h, ValueLogFormat.HEADER_MAGIC)) {
      throw new CorruptionException(fileName, 0, "not a value log segment: bad magic");
    }
    int version = Coding.getInt(h, ValueLogFormat.VERSION_OFFSET);
    if (version != ValueLogFormat.VERSION) {
      throw new FormatVersionException(
          fileName, ValueLogFormat.VERSION_OFFSET, version, ValueLogFormat.VERSION);
    }
    if (Coding.getInt(h, ValueLogFormat.HEADER_CRC_OFFSET)
        != Checksums.crc32c(h, 0, ValueLogFormat.HEADER_CRC_OFFSET)) {
      throw new CorruptionException(fileName, 0, "value log header checksum mismatch");
    }
    long segment = Coding.getLong(h, ValueLogFormat.SEGMENT_OFFSET);
    if (segment != segmentNumber) {
      throw new CorruptionException(
          fileName,
          ValueLogFormat.SEGMENT_OFFSET,
          "value log header names segment " + segment + ", expected " + segmentNumber);
    }
    long footerOffset = size - ValueLogFormat.FOOTER_SIZE;
    byte[] f = file.readFully(footerOffset, ValueLogFormat.FOOTER_SIZE);
    if (!hasMagic(f, ValueLogFormat.FOOTER_MAGIC)) {
      throw new CorruptionException(
          fileName,
          footerOffset,
          "value log footer missing or damaged (bad magic): the segment was not finished");
    }
    if (Coding.getInt(f, ValueLogFormat.FOOTER_CRC_OFFSET)
        != Checksums.crc32c(f, 0, ValueLogFormat.FOOTER_CRC_OFFSET)) {
      throw new CorruptionException(fileName, footerOffset, "value log footer checksum mismatch");
    }
    long end = Coding.getLong(f, ValueLogFormat.DATA_END_OFFSET);
    long count = Coding.getLong(f, ValueLogFormat.COUNT_OFFSET);
    if (end != footerOffset) {
      throw new CorruptionException(
          fileName,
          footerOffset,
          "value log footer says data ends at " + end + " but the footer is at " + footerOffset);
    }
    if (count < 0 || count > (end - ValueLogFormat.HEADER_SIZE) / ValueLogFormat.MIN_ENTRY_SIZE) {
      throw new CorruptionException(
          fileName, footerOffset, "value log footer counts an impossible " + count + " entries");
    }
    dataEnd = end;
    entryCount = count;
  }

  private static boolean hasMagic(byte[] b, byte[] magic) {
    return Arrays.equals(b, 0, magic.length, magic, 0, magic.length);
  }

  /** The value of the entry at {@code p}. */
  public byte[] read(ValuePointer p) throws IOException {
    byte[] b = readVerified(p);
    int valueStart = p.length() - valueLength(b, p);
    return Arrays.copyOfRange(b, valueStart, p.length());
  }

  /** The key and value of the entry at {@code p}. */
  public Entry readEntry(ValuePointer p) throws IOException {
    byte[] b = readVerified(p);
    int[] pos = {4};
    int keyLength = Coding.getVarint32(b, pos);
    Coding.getVarint32(b, pos);
    int keyStart = pos[0];
    return new Entry(
        Arrays.copyOfRange(b, keyStart, keyStart + keyLength),
        Arrays.copyOfRange(b, keyStart + keyLength, p.length()));
  }

  /** Reads and checks the whole entry at {@code p} (checksum and lengths). */
  private byte[] readVerified(ValuePointer p) throws IOException {
    if (p.segment() != segmentNumber) {
      throw new IllegalArgumentException(
          "pointer into segment " + p.segment() + " given to the reader of " + fileName);
    }
    long offset = p.offset();
    if (offset < ValueLogFormat.HEADER_SIZE
        || p.length() < ValueLogFormat.MIN_ENTRY_SIZE
        || offset > dataEnd - p.length()) {
      throw new CorruptionException(
          fileName,
          offset,
          "value pointer of "
              + p.length()
              + " bytes lies outside the data ["
              + ValueLogFormat.HEADER_SIZE
              + ", "
              + dataEnd
              + ")");
    }
    byte[] b = file.readFully(offset, p.length());
    if (Coding.getInt(b, 0) != Checksums.crc32c(b, 4, b.length - 4)) {
      throw new CorruptionException(fileName, offset, "value log entry checksum mismatch");
    }
    valueLength(b, p); // checks that the lengths add up
    return b;
  }

  /** Parses an entry's lengths, checking that they fill exactly {@code p.length()} bytes. */
  private int valueLength(byte[] b, ValuePointer p) {
    try {
      int[] pos = {4};
      int keyLength = Coding.getVarint32(b, pos);
      int valueLength = Coding.getVarint32(b, pos);
      if ((long) pos[0] + keyLength + valueLength != p.length()) {
        throw new CorruptionException(
            fileName,
            p.offset(),
            "value log entry lengths (key "
                + keyLength
                + ", value "
                + valueLength
                + ") do not match the pointer's "
                + p.length()
                + " bytes");
      }
      return valueLength;
    } catch (ArrayIndexOutOfBoundsException | IllegalStateException e) {
      throw new CorruptionException(fileName, p.offset(), "malformed value log entry header", e);
    }
  }

  /** Visits every entry in file order, checking each, and that the footer's count matches. */
  public void forEach(EntryVisitor visitor) throws IOException {
    Cursor c = cursor();
    while (c.next()) {
      visitor.visit(c.pointer(), c.key(), c.value());
    }
  }

  /** A new cursor before the first entry. */
  public Cursor cursor() {
    return new Cursor();
  }

  /** Steps through the entries in file order; for GC and verification. Not thread-safe. */
  public final class Cursor {
    private final ReadAheadReader in = new ReadAheadReader(file, dataEnd, WINDOW);
    private final byte[] prefix = new byte[ValueLogFormat.MAX_ENTRY_PREFIX];
    private final CRC32C crc = new CRC32C();
    private long position = ValueLogFormat.HEADER_SIZE;
    private long seen;
    private ValuePointer pointer;
    private byte[] key;
    private byte[] value;

    private Cursor() {}

    /** Moves to the next entry; false after the last one. */
    public boolean next() throws IOException {
      pointer = null;
      key = null;
      value = null;
      long start = position;
      if (start == dataEnd) {
        if (seen != entryCount) {
          throw new CorruptionException(
              fileName,
              dataEnd,
              "value log footer counts " + entryCount + " entries but the data holds " + seen);
        }
        return false;
      }
      int available = (int) Math.min(prefix.length, dataEnd - start);
      if (available < ValueLogFormat.MIN_ENTRY_SIZE) {
        throw new CorruptionException(fileName, start, "value log entry cut off by the data end");
      }
      in.readFully(start, prefix, 0, available);
      int[] pos = {4};
      int keyLength;
      int valueLength;
      try {
        keyLength = Coding.getVarint32(prefix, pos);
        valueLength = Coding.getVarint32(prefix, pos);
      } catch (ArrayIndexOutOfBoundsException | IllegalStateException e) {
        throw new CorruptionException(fileName, start, "malformed value log entry header", e);
      }
      long length = (long) pos[0] + keyLength + valueLength;
      if (pos[0] > available || length > dataEnd - start) {
        throw new CorruptionException(
            fileName,
            start,
            "value log entry of " + length + " bytes passes the data end " + dataEnd);
      }
      byte[] k = new byte[keyLength];
      byte[] v = new byte[valueLength];
      in.readFully(start + pos[0], k, 0, keyLength);
      in.readFully(start + pos[0] + keyLength, v, 0, valueLength);
      crc.reset();
      crc.update(prefix, 4, pos[0] - 4);
      crc.update(k, 0, keyLength);
      crc.update(v, 0, valueLength);
      if ((int) crc.getValue() != Coding.getInt(prefix, 0)) {
        throw new CorruptionException(fileName, start, "value log entry checksum mismatch");
      }
      position = start + length;
      seen++;
      pointer = new ValuePointer(segmentNumber, start, (int) length);
      key = k;
      value = v;
      return true;
    }

    /** The current entry's pointer; valid after {@link #next()} returned true. */
    public ValuePointer pointer() {
      return pointer;
    }

    public byte[] key() {
      return key;
    }

    public byte[] value() {
      return value;
    }
  }

  public long entryCount() {
    return entryCount;
  }

  /** Offset where the entries end and the footer begins. */
  public long dataEnd() {
    return dataEnd;
  }

  public long segmentNumber() {
    return segmentNumber;
  }

  public String fileName() {
    return fileName;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
