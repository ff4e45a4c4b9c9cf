package io.nokv.kv.sstable;

import java.util.Arrays;

/**
 * A whole-table bloom filter over user keys (like RocksDB's full filter): one bit array per file,
 * probed with double hashing of the key's {@link XxHash64} (Kirsch and Mitzenmacher: probe i is
 * {@code h + i * delta}, each mapped to a bit by a multiply-high, which avoids a division).
 *
 * <pre>
 *   filter := bits[numBytes]   bit j is (bits[j / 8] >>> (j % 8)) &amp; 1; numBits = 8 * numBytes
 *             u8 numProbes     1..30
 *             u8 scheme        1 = the probes below
 *
 *   scheme 1:  h = XXH64(userKey, seed 0); delta = rotateLeft(h, 32) | 1
 *              probe i (0 &lt;= i &lt; numProbes) sets/tests bit
 *              unsignedMultiplyHigh(h + i * delta, numBits)   (64-bit wrapping arithmetic)
 *   numBytes = ceil(max(64, numKeys * bitsPerKey) / 8)
 * </pre>
 *
 * The filter block is stored uncompressed with the usual block trailer (type, CRC32C), so it
 * carries no checksum of its own. A filter with an unknown scheme answers "may contain" to every
 * key, so a newer writer's filter never loses data for an older reader.
 */
public final class BloomFilter {
  private BloomFilter() {}

  static final int SCHEME_XXH64_DOUBLE = 1;
  private static final int TRAILER = 2;
  private static final int MIN_BITS = 64;

  /** Probes for {@code bitsPerKey}: round(bitsPerKey * ln 2), clamped to 1..30. */
  public static int numProbes(int bitsPerKey) {
    return (int) Math.max(1, Math.min(30, Math.round(bitsPerKey * 0.69314718056)));
  }

  /** Builds a filter from whole user keys (convenience for tests and small sets). */
  public static byte[] build(Iterable<byte[]> userKeys, int bitsPerKey) {
    Builder b = new Builder(bitsPerKey);
    for (byte[] k : userKeys) {
      b.add(k, 0, k.length);
    }
    return b.finish();
  }

  /** Whether the key may be in the set; false means it certainly is not. */
  public static boolean mayContain(byte[] filter, byte[] userKey, int off, int len) {
    int n = filter.length - TRAILER;
    if (n <= 0 || filter[n + 1] != SCHEME_XXH64_DOUBLE) {
      return true; // unknown or degenerate filter: never rule a key out
    }
    int probes = filter[n] & 0xFF;
    long numBits = 8L * n;
    long h = XxHash64.hash(userKey, off, len);
    long delta = Long.rotateLeft(h, 32) | 1;
    for (int i = 0; i < probes; i++) {
      long bit = Math.unsignedMultiplyHigh(h, numBits);
      if ((filter[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
        return false;
      }
      h += delta;
    }
    return true;
  }

  public static boolean mayContain(byte[] filter, byte[] userKey) {
    return mayContain(filter, userKey, 0, userKey.length);
  }

  /**
   * Collects key hashes (8 bytes per key, never the keys) and sets the bits at {@link #finish()},
   * when the number of keys, hence the filter size, is known. Consecutive duplicates (versions of
   * one user key) are added once. Not thread-safe.
   */
  public static final class Builder {
    private final int bitsPerKey;
    private final int probes;
    private long[] hashes = new long[1024];
    private int count;

    public Builder(int bitsPerKey) {
      if (bitsPerKey < 1) {
        throw new IllegalArgumentException("bitsPerKey must be at least 1, got " + bitsPerKey);
      }
      this.bitsPerKey = bitsPerKey;
      this.probes = numProbes(bitsPerKey);
    }

    public void add(byte[] userKey, int off, int len) {
      long h = XxHash64.hash(userKey, off, len);
      if (count > 0 && hashes[count - 1] == h) {
        return;
      }
      if (count == hashes.length) {
        hashes = Arrays.copyOf(hashes, count * 2);
      }
      hashes[count++] = h;
    }

    public int numKeys() {
      return count;
    }

    public byte[] finish() {
      long bits = Math.max(MIN_BITS, (long) count * bitsPerKey);
      long bytes = (bits + 7) / 8;
      if (bytes > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("bloom filter for " + count + " keys is too large");
      }
      int n = (int) bytes;
      long numBits = 8L * n;
      byte[] filter = new byte[n + TRAILER];
      for (int k = 0; k < count; k++) {
        long h = hashes[k];
        long delta = Long.rotateLeft(h, 32) | 1;
        for (int i = 0; i < probes; i++) {
          long bit = Math.unsignedMultiplyHigh(h, numBits);
          filter[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
          h += delta;
        }
      }
      filter[n] = (byte) probes;
      filter[n + 1] = SCHEME_XXH64_DOUBLE;
      return filter;
    }
  }
}
