package io.nokv.kv.wal;

/**
 * CRC32C arithmetic: the checksum of {@code A || B} from the checksums of {@code A} and {@code B}
 * (zlib's {@code crc32_combine}, for the Castagnoli polynomial). Appending bytes acts on a checksum
 * as a linear map over GF(2); the map for {@code 2^k} zero bytes is precomputed for each {@code k},
 * so shifting a checksum over {@code n} bytes costs one 32x32 bit-matrix product per set bit of
 * {@code n}. Works on the values {@link java.util.zip.CRC32C#getValue()} returns.
 */
final class Crc32cCombine {
  private Crc32cCombine() {}

  /** Reflected Castagnoli polynomial. */
  private static final int POLY = 0x82F63B78;

  /** ZEROS[k] is the operator for appending 2^k zero bytes. */
  private static final int[][] ZEROS = new int[64][];

  static {
    int[] oneBit = new int[32];
    oneBit[0] = POLY;
    for (int n = 1; n < 32; n++) {
      oneBit[n] = 1 << (n - 1);
    }
    int[] twoBits = square(oneBit);
    int[] fourBits = square(twoBits);
    ZEROS[0] = square(fourBits);
    for (int k = 1; k < ZEROS.length; k++) {
      ZEROS[k] = square(ZEROS[k - 1]);
    }
  }

  private static int times(int[] matrix, int vector) {
    int sum = 0;
    for (int i = 0; vector != 0; i++, vector >>>= 1) {
      if ((vector & 1) != 0) {
        sum ^= matrix[i];
      }
    }
    return sum;
  }

  private static int[] square(int[] matrix) {
    int[] out = new int[32];
    for (int n = 0; n < 32; n++) {
      out[n] = times(matrix, matrix[n]);
    }
    return out;
  }

  /**
   * The checksum of {@code A} followed by {@code bytes} zero bytes, less the zeros' own checksum
   * term.
   */
  static int shift(int crc, long bytes) {
    for (int k = 0; bytes != 0; k++, bytes >>>= 1) {
      if ((bytes & 1) != 0) {
        crc = times(ZEROS[k], crc);
      }
    }
    return crc;
  }

  /** {@code crc32c(A || B)} given {@code crc32c(A)}, {@code crc32c(B)} and the length of B. */
  static int combine(int crcA, int crcB, long lengthB) {
    return shift(crcA, lengthB) ^ crcB;
  }
}
