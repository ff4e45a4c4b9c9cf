package io.nokv.kv.iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Drives an {@link InternalIterator} through a random sequence of moves and checks every step
 * against a sorted list of (internal key, value) pairs: the model position is an index.
 */
final class InternalIteratorChecker {
  private final List<byte[]> keys;
  private final List<byte[]> values;
  private final List<byte[]> userKeys;

  /** {@code keys} sorted by internal key; {@code userKeys} candidate seek targets. */
  InternalIteratorChecker(List<byte[]> keys, List<byte[]> values, List<byte[]> userKeys) {
    this.keys = keys;
    this.values = values;
    this.userKeys = userKeys;
  }

  void run(InternalIterator it, SplittableRandom rnd, int steps) {
    int pos = -1; // -1 = invalid
    StringBuilder trace = new StringBuilder();
    for (int step = 0; step < steps; step++) {
      int op = rnd.nextInt(10);
      if (op == 0) {
        trace.append("seekToFirst; ");
        it.seekToFirst();
        pos = keys.isEmpty() ? -1 : 0;
      } else if (op == 1) {
        trace.append("seekToLast; ");
        it.seekToLast();
        pos = keys.size() - 1;
      } else if (op <= 3) {
        byte[] target = randomTarget(rnd);
        trace.append("seek(").append(InternalKey.describe(target)).append("); ");
        it.seek(target);
        pos = lowerBound(target);
        if (pos == keys.size()) {
          pos = -1;
        }
      } else if (pos < 0) {
        trace.append("next/prev on invalid; ");
        assertThrows(IllegalStateException.class, rnd.nextBoolean() ? it::next : it::prev);
        continue;
      } else if (op <= 6) {
        trace.append("next; ");
        it.next();
        pos = pos + 1 == keys.size() ? -1 : pos + 1;
      } else {
        trace.append("prev; ");
        it.prev();
        pos = pos - 1;
      }
      String where = trace.toString();
      assertEquals(pos >= 0, it.isValid(), () -> "validity after " + where);
      if (pos >= 0) {
        int p = pos;
        assertArrayEquals(keys.get(p), it.key(), () -> "key after " + where + " expected " + InternalKey.describe(keys.get(p)));
        assertArrayEquals(values.get(p), it.value(), () -> "value after " + where);
      }
      if (trace.length() > 2000) {
        trace.delete(0, trace.length() - 1000);
      }
    }
  }

  private byte[] randomTarget(SplittableRandom rnd) {
    if (!keys.isEmpty() && rnd.nextInt(3) == 0) {
      return keys.get(rnd.nextInt(keys.size())); // an exact existing key
    }
    byte[] uk = userKeys.isEmpty() || rnd.nextInt(4) == 0 ? TestKeys.randomKey(rnd, 3) : userKeys.get(rnd.nextInt(userKeys.size()));
    long seq = rnd.nextInt(200);
    byte type = rnd.nextBoolean() ? ValueType.FOR_SEEK : (byte) rnd.nextInt(3);
    return InternalKey.encode(uk, seq, type);
  }

  /** Index of the first key >= target. */
  private int lowerBound(byte[] target) {
    int lo = 0;
    int hi = keys.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (InternalKey.compare(keys.get(mid), target) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
