package io.nokv.kv.wal;

import io.nokv.kv.format.Coding;
import io.nokv.kv.fs.ReadAheadReader;
import io.nokv.kv.fs.ReadableFile;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Decides whether any complete, checksummed record frame starts at or after an offset: the test
 * that separates a torn tail from damage in the middle of a log (see {@link LogReader}).
 *
 * <p>Every offset is a candidate whose 4-byte length fits in the rest of the file. Checksumming
 * each candidate's payload directly would cost time cubic in the length of a garbage tail
 * (candidates grow with the tail, and so do their lengths), so long candidates are checked from
 * running checksums kept every {@link #CHECKPOINT} bytes: with {@code C(x)} the checksum of {@code
 * [from, x)}, the checksum of {@code [a, b)} is {@code C(b) ^ shift(C(a), b - a)} ({@link
 * Crc32cCombine}), and {@code C(x)} needs at most {@link #CHECKPOINT} bytes beyond the nearest
 * checkpoint. A scan then reads the tail once plus a few KiB per long candidate.
 */
final class RecordScanner {
  static final int CHECKPOINT = 1024;
  private static final int WINDOW = 64 * 1024;

  private final ReadableFile file;
  private final long fileSize;
  private final long from;
  private final byte[] scratch = new byte[2 * CHECKPOINT];
  private int[] checkpoints;

  private RecordScanner(ReadableFile file, long fileSize, long from) {
    this.file = file;
    this.fileSize = fileSize;
    this.from = from;
  }

  /** The first offset >= {@code from} where a valid frame starts, or -1. */
  static long findValidRecord(ReadableFile file, long fileSize, long from) throws IOException {
    return new RecordScanner(file, fileSize, from).scan();
  }

  private long scan() throws IOException {
    ReadAheadReader in = new ReadAheadReader(file, fileSize, WINDOW);
    byte[] frame = new byte[LogFormat.FRAME_HEADER_SIZE];
    for (long q = from; q <= fileSize - LogFormat.FRAME_HEADER_SIZE; q++) {
      in.readFully(q, frame, 0, frame.length);
      int len = Coding.getInt(frame, 4);
      if (len < 0
          || len > LogFormat.MAX_RECORD_BYTES
          || len > fileSize - q - LogFormat.FRAME_HEADER_SIZE) {
        continue;
      }
      long start = q + 4; // the checksum covers the length field and the payload
      long end = q + LogFormat.FRAME_HEADER_SIZE + len;
      if (rangeChecksum(start, end) == Coding.getInt(frame, 0)) {
        return q;
      }
    }
    return -1;
  }

  /** CRC32C of the file bytes {@code [start, end)}, with {@code from <= start}. */
  private int rangeChecksum(long start, long end) throws IOException {
    if (end - start <= 2L * CHECKPOINT) {
      int n = (int) (end - start);
      file.readFully(start, scratch, 0, n);
      CRC32C c = new CRC32C();
      c.update(scratch, 0, n);
      return (int) c.getValue();
    }
    if (checkpoints == null) {
      buildCheckpoints();
    }
    return prefixChecksum(end) ^ Crc32cCombine.shift(prefixChecksum(start), end - start);
  }

  /** CRC32C of {@code [from, x)}. */
  private int prefixChecksum(long x) throws IOException {
    int i = (int) ((x - from) / CHECKPOINT);
    long base = from + (long) i * CHECKPOINT;
    int n = (int) (x - base);
    if (n == 0) {
      return checkpoints[i];
    }
    file.readFully(base, scratch, 0, n);
    CRC32C c = new CRC32C();
    c.update(scratch, 0, n);
    return Crc32cCombine.combine(checkpoints[i], (int) c.getValue(), n);
  }

  /** checkpoints[i] = CRC32C of {@code [from, from + i * CHECKPOINT)}, one pass over the tail. */
  private void buildCheckpoints() throws IOException {
    long length = fileSize - from;
    checkpoints = new int[(int) (length / CHECKPOINT) + 1];
    CRC32C c = new CRC32C();
    checkpoints[0] = (int) c.getValue();
    byte[] chunk = new byte[WINDOW];
    long pos = from;
    int next = 1;
    while (next < checkpoints.length) {
      int n = (int) Math.min(chunk.length, length - (pos - from));
      file.readFully(pos, chunk, 0, n);
      // WINDOW is a multiple of CHECKPOINT, so every full piece ends on a checkpoint.
      for (int off = 0; off < n; off += CHECKPOINT) {
        int piece = Math.min(CHECKPOINT, n - off);
        c.update(chunk, off, piece);
        if (piece == CHECKPOINT) {
          checkpoints[next++] = (int) c.getValue();
        }
      }
      pos += n;
    }
  }
}
