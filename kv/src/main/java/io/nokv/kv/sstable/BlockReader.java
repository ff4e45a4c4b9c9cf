package io.nokv.kv.sstable;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.nokv.kv.Compression;
import io.nokv.kv.CorruptionException;
import io.nokv.kv.KvIOException;
import io.nokv.kv.format.Coding;
import io.nokv.kv.fs.ReadableFile;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads a block written by {@link BlockWriter}: checks that the handle lies inside the file's block
 * area, reads the block and its trailer in one call, verifies the CRC32C and decompresses. Every
 * problem becomes a {@link CorruptionException} naming the file and the block's offset;
 * operating-system errors become {@link KvIOException}s. Stateless and thread-safe.
 */
final class BlockReader {
  private BlockReader() {}

  /** Largest uncompressed block accepted; anything larger is damage, not data. */
  static final int MAX_BLOCK_BYTES = 1 << 30;

  private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

  /** Uncompressed contents {@code data[0, length)}. */
  record Contents(byte[] data, int length) {
    byte[] toArray() {
      return data.length == length ? data : Arrays.copyOf(data, length);
    }
  }

  /**
   * Reads and parses the block at {@code handle}; {@code limit} is the end of the block area (the
   * footer's offset).
   */
  static Block readBlock(ReadableFile file, String fileName, BlockHandle handle, long limit) {
    Contents c = read(file, fileName, handle, limit);
    return Block.parse(c.data(), c.length(), fileName, handle.offset());
  }

  static Contents read(ReadableFile file, String fileName, BlockHandle handle, long limit) {
    long offset = handle.offset();
    long size = handle.size();
    if (offset < 0
        || size < 0
        || size > MAX_BLOCK_BYTES
        || offset > limit - BlockWriter.TRAILER_SIZE - size) {
      throw new CorruptionException(
          fileName,
          offset,
          "block handle " + handle + " lies outside the block area [0, " + limit + ")");
    }
    int storedLen = (int) size;
    byte[] buf = new byte[storedLen + BlockWriter.TRAILER_SIZE];
    try {
      file.readFully(offset, buf, 0, buf.length);
    } catch (EOFException e) {
      throw new CorruptionException(
          fileName, offset, "short read of a " + buf.length + "-byte block", e);
    } catch (IOException e) {
      throw new KvIOException(fileName, offset, "read", e);
    }
    CRC32C crc = new CRC32C();
    crc.update(buf, 0, storedLen + 1);
    int expected = Coding.getInt(buf, storedLen + 1);
    if ((int) crc.getValue() != expected) {
      throw new CorruptionException(fileName, offset, "block checksum mismatch");
    }
    int typeId = buf[storedLen] & 0xFF;
    Compression type = Compression.fromId(typeId);
    if (type == null) {
      throw new CorruptionException(fileName, offset, "unknown block compression id " + typeId);
    }
    if (type == Compression.NONE) {
      return new Contents(buf, storedLen);
    }
    byte[] out = decompress(buf, storedLen, type, fileName, offset);
    return new Contents(out, out.length);
  }

  private static byte[] decompress(
      byte[] buf, int storedLen, Compression type, String fileName, long offset) {
    int[] pos = {0};
    long ulen;
    try {
      ulen = Coding.getVarint(buf, pos);
    } catch (IllegalStateException | ArrayIndexOutOfBoundsException e) {
      throw new CorruptionException(fileName, offset, "bad uncompressed length", e);
    }
    int header = pos[0];
    if (header > storedLen || ulen < 0 || ulen > MAX_BLOCK_BYTES) {
      throw new CorruptionException(fileName, offset, "bad uncompressed length " + ulen);
    }
    byte[] out = new byte[(int) ulen];
    int compressedLen = storedLen - header;
    long produced;
    try {
      produced =
          switch (type) {
            case LZ4 -> LZ4.decompress(buf, header, compressedLen, out, 0, out.length);
            case ZSTD -> Zstd.decompressByteArray(out, 0, out.length, buf, header, compressedLen);
            case NONE -> throw new AssertionError();
          };
    } catch (LZ4Exception | ZstdException e) {
      throw new CorruptionException(fileName, offset, type + " decompression failed", e);
    }
    if (type == Compression.ZSTD && Zstd.isError(produced)) {
      throw new CorruptionException(
          fileName, offset, "ZSTD decompression failed: " + Zstd.getErrorName(produced));
    }
    if (produced != ulen) {
      throw new CorruptionException(
          fileName, offset, type + " decompressed to " + produced + " bytes, expected " + ulen);
    }
    return out;
  }
}
