package io.nokv.kv.sstable;

import com.github.luben.zstd.Zstd;
import io.nokv.kv.Compression;
import io.nokv.kv.format.Coding;
import io.nokv.kv.fs.WritableFile;
import java.io.IOException;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Appends blocks to a table file, each compressed when that pays and followed by its trailer.
 *
 * <pre>
 *   stored block := contents                                   (type NONE)
 *                 | varint uncompressedLength, compressed bytes  (type LZ4 or ZSTD)
 *   trailer      := u8 type (Compression.id), u32 LE CRC32C(stored block || type)
 * </pre>
 *
 * A block is stored compressed only when that saves at least 1/8 of its size, so a reader never
 * decompresses for little gain. The block's {@link BlockHandle} covers the stored block, not the
 * trailer. Not thread-safe.
 */
final class BlockWriter {
  static final int TRAILER_SIZE = 5;
  static final int ZSTD_LEVEL = 3;

  private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();

  private final WritableFile out;
  private final byte[] trailer = new byte[TRAILER_SIZE];
  private final CRC32C crc = new CRC32C();
  private byte[] scratch = new byte[0];

  BlockWriter(WritableFile out) {
    this.out = out;
  }

  /** Writes {@code raw[0, len)} with its trailer at the end of the file; returns its handle. */
  BlockHandle write(byte[] raw, int len, Compression compression) throws IOException {
    byte[] stored = raw;
    int storedLen = len;
    Compression type = Compression.NONE;
    if (compression != Compression.NONE && len > 0) {
      int n = compress(raw, len, compression);
      if (n < len - len / 8) {
        stored = scratch;
        storedLen = n;
        type = compression;
      }
    }
    long offset = out.size();
    out.append(stored, 0, storedLen);
    trailer[0] = (byte) type.id();
    crc.reset();
    crc.update(stored, 0, storedLen);
    crc.update(trailer, 0, 1);
    Coding.putInt(trailer, 1, (int) crc.getValue());
    out.append(trailer, 0, TRAILER_SIZE);
    return new BlockHandle(offset, storedLen);
  }

  /** Compresses into {@link #scratch} after the varint length; returns the stored length. */
  private int compress(byte[] raw, int len, Compression compression) {
    int header = Coding.varintLength(len);
    long bound =
        switch (compression) {
          case LZ4 -> LZ4.maxCompressedLength(len);
          case ZSTD -> Zstd.compressBound(len);
          case NONE -> throw new AssertionError();
        };
    if (scratch.length < header + bound) {
      scratch = new byte[(int) Math.min(Integer.MAX_VALUE - 16, header + bound)];
    }
    Coding.putVarint(scratch, 0, len);
    int capacity = scratch.length - header;
    return header
        + switch (compression) {
          case LZ4 -> LZ4.compress(raw, 0, len, scratch, header, capacity);
          case ZSTD -> {
            long n = Zstd.compressByteArray(scratch, header, capacity, raw, 0, len, ZSTD_LEVEL);
            if (Zstd.isError(n)) {
              throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(n));
            }
            yield (int) n;
          }
          case NONE -> throw new AssertionError();
        };
  }
}
