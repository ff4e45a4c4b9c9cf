package io.nokv.kv.sstable;

import io.nokv.kv.format.InternalKey;
import java.util.Arrays;

/**
 * Short index keys, as LevelDB's FindShortestSeparator and FindShortSuccessor: an index entry only
 * needs a key that is >= the last key of its block and < the first key of the next block, and a
 * shorter one makes a smaller index. A shortened key is {@code (userKey, MAX_SEQUENCE, FOR_SEEK)},
 * the smallest internal key of its user key, so a lookup for that user key at any sequence sorts
 * after it and goes to the next block, which is where such a key would be.
 */
final class IndexKeys {
  private IndexKeys() {}

  /** A key in [{@code last}, {@code next}), preferably short; {@code last < next}. */
  static byte[] separator(byte[] last, byte[] next) {
    int lastUser = last.length - InternalKey.TRAILER_SIZE;
    int nextUser = next.length - InternalKey.TRAILER_SIZE;
    int min = Math.min(lastUser, nextUser);
    int diff = Arrays.mismatch(last, 0, min, next, 0, min);
    if (diff < 0 || diff + 1 >= lastUser) {
      return last; // one user key is a prefix of the other, or no shorter key exists
    }
    int lastByte = last[diff] & 0xFF;
    if (lastByte == 0xFF || lastByte + 1 >= (next[diff] & 0xFF)) {
      return last;
    }
    byte[] user = Arrays.copyOf(last, diff + 1);
    user[diff]++;
    return InternalKey.forSeek(user, InternalKey.MAX_SEQUENCE);
  }

  /** A key >= {@code last}, preferably short (for the last block, which has no next key). */
  static byte[] successor(byte[] last) {
    int lastUser = last.length - InternalKey.TRAILER_SIZE;
    for (int i = 0; i < lastUser - 1; i++) {
      if ((last[i] & 0xFF) != 0xFF) {
        byte[] user = Arrays.copyOf(last, i + 1);
        user[i]++;
        return InternalKey.forSeek(user, InternalKey.MAX_SEQUENCE);
      }
    }
    return last;
  }
}
