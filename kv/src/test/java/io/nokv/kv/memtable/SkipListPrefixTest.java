package io.nokv.kv.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The node prefix shortcut must order keys exactly as the full comparison: short keys, keys that
 * are prefixes of one another, zero bytes and 0xFF bytes.
 */
class SkipListPrefixTest {
  @Test
  void prefixShortcutKeepsInternalKeyOrder() {
    long seed = Long.getLong("nokv.seed", System.nanoTime());
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] alphabet = {0, 1, 'a', 'b', (byte) 0x7F, (byte) 0x80, (byte) 0xFF};
    SkipList list = new SkipList();
    TreeSet<byte[]> model = new TreeSet<>(InternalKey.COMPARATOR);
    for (int i = 0; i < 5000; i++) {
      byte[] uk = new byte[rnd.nextInt(12)];
      for (int j = 0; j < uk.length; j++) {
        uk[j] = alphabet[rnd.nextInt(alphabet.length)];
      }
      byte[] ik = InternalKey.encode(uk, rnd.nextLong(1, 1000), ValueType.VALUE);
      if (model.add(ik)) {
        list.insert(ik, new byte[0]);
      }
    }
    List<byte[]> listed = new ArrayList<>();
    for (SkipList.Node n = list.first(); n != null; n = n.next(0)) {
      listed.add(n.key);
    }
    List<byte[]> expected = new ArrayList<>(model);
    assertEquals(expected.size(), listed.size(), "seed " + seed);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), listed.get(i), "position " + i + ", seed " + seed);
    }
    for (byte[] k : model) {
      assertArrayEquals(k, list.findGreaterOrEqual(k, null).key, "seek, seed " + seed);
      byte[] uk = InternalKey.userKey(k);
      byte[] found = list.findGreaterOrEqual(uk, InternalKey.trailer(k)).key;
      assertArrayEquals(k, found, "point seek, seed " + seed);
    }
    assertNull(list.findGreaterOrEqual(InternalKey.encode(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, 0, ValueType.DELETE), null));
  }
}
