package io.nokv.kv.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

class BloomFilterTest {

  private static byte[] key(String prefix, int i) {
    return (prefix + i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void xxHash64MatchesTheReferenceImplementation() throws Throwable {
    assertEquals(0xEF46DB3751D8E999L, XxHash64.hash(new byte[0], 0, 0));
    XXHash64 reference = XXHashFactory.safeInstance().hash64();
    Seeded.run(
        rnd -> {
          for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[rnd.nextInt(100)];
            rnd.nextBytes(b);
            int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int len = rnd.nextInt(b.length - off + 1);
            long seed = rnd.nextInt(3) == 0 ? rnd.nextLong() : 0;
            assertEquals(
                reference.hash(b, off, len, seed),
                XxHash64.hash(b, off, len, seed),
                "length " + len);
          }
        });
  }

  @Test
  void probesFollowBitsPerKey() {
    assertEquals(7, BloomFilter.numProbes(10));
    assertEquals(1, BloomFilter.numProbes(1));
    assertEquals(30, BloomFilter.numProbes(100));
  }

  @Test
  void noFalseNegativesAndAboutOnePercentFalsePositivesAtTenBits() {
    int n = 20_000;
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(key("present-key-", i));
    }
    byte[] filter = BloomFilter.build(keys, 10);
    assertEquals(n * 10 / 8 + 2, filter.length);
    for (byte[] k : keys) {
      assertTrue(BloomFilter.mayContain(filter, k));
    }
    int falsePositives = 0;
    int probes = 100_000;
    for (int i = 0; i < probes; i++) {
      if (BloomFilter.mayContain(filter, key("absent-key-", i))) {
        falsePositives++;
      }
    }
    double rate = (double) falsePositives / probes;
    // Theory for 10 bits/key and 7 probes: 0.82%.
    assertTrue(rate > 0.003 && rate < 0.015, "false positive rate " + rate);
  }

  @Test
  void fewerBitsGiveMoreFalsePositives() {
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      keys.add(key("k", i));
    }
    byte[] filter = BloomFilter.build(keys, 4);
    int fp = 0;
    for (int i = 0; i < 20_000; i++) {
      fp += BloomFilter.mayContain(filter, key("x", i)) ? 1 : 0;
    }
    double rate = fp / 20_000.0; // theory: 14.7% at 4 bits, 3 probes
    assertTrue(rate > 0.08 && rate < 0.22, "false positive rate " + rate);
  }

  @Test
  void emptyFilterRulesOutEverything() {
    byte[] filter = new BloomFilter.Builder(10).finish();
    assertFalse(BloomFilter.mayContain(filter, key("a", 1)));
  }

  @Test
  void unknownSchemeMayContainEverything() {
    byte[] filter = BloomFilter.build(List.of(key("a", 1)), 10);
    filter[filter.length - 1] = 99;
    assertTrue(BloomFilter.mayContain(filter, key("b", 2)));
  }

  @Test
  void consecutiveDuplicatesAreAddedOnce() {
    BloomFilter.Builder b = new BloomFilter.Builder(10);
    byte[] k = key("dup", 1);
    b.add(k, 0, k.length);
    b.add(k, 0, k.length);
    assertEquals(1, b.numKeys());
  }

  @Test
  void hashesAKeySliceLikeTheWholeKey() {
    byte[] whole = key("slice", 7);
    byte[] padded = new byte[whole.length + 9];
    System.arraycopy(whole, 0, padded, 4, whole.length);
    byte[] filter = BloomFilter.build(List.of(whole), 10);
    assertTrue(BloomFilter.mayContain(filter, padded, 4, whole.length));
  }
}
