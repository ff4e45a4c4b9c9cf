package io.nokv.txn.mvcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.format.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine keys of the lock, write and data spaces. */
class MvccKeysTest {
  private static final long[] TIMESTAMPS = {0, 1, 2, 255, 256, 1L << 18, 12345678901L, Long.MAX_VALUE - 1, Long.MAX_VALUE};

  private static byte[] b(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static final int[] ALPHABET = {0x00, 0x01, 0x02, 'a', 0x7F, 0x80, 0xFE, 0xFF};

  private static byte[] randomKey(Random rnd) {
    byte[] k = new byte[rnd.nextInt(7)];
    for (int i = 0; i < k.length; i++) {
      k[i] = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : (byte) ALPHABET[rnd.nextInt(ALPHABET.length)];
    }
    return k;
  }

  private static long seed() {
    long seed = Long.getLong("nokv.test.seed", System.nanoTime());
    System.out.println("MvccKeysTest seed=" + seed + " (-Dnokv.test.seed to replay)");
    return seed;
  }

  @Test
  void escapedKeysKeepTheUnsignedOrderOfRandomKeys() {
    long seed = seed();
    Random rnd = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      byte[] a = randomKey(rnd);
      byte[] c = rnd.nextInt(4) == 0 ? extend(a, rnd) : randomKey(rnd);
      int expected = Integer.signum(Arrays.compareUnsigned(a, c));
      String what = "seed " + seed + ": " + Bytes.toDebugString(a) + " vs " + Bytes.toDebugString(c);
      assertEquals(expected, Integer.signum(Bytes.compare(MvccKeys.lockKey(a), MvccKeys.lockKey(c))), what);
      long ta = rnd.nextLong() & Long.MAX_VALUE;
      long tc = rnd.nextLong() & Long.MAX_VALUE;
      // Versions of different keys order by key, whatever their timestamps.
      if (expected != 0) {
        assertEquals(expected, Integer.signum(Bytes.compare(MvccKeys.writeKey(a, ta), MvccKeys.writeKey(c, tc))), what);
        assertEquals(expected, Integer.signum(Bytes.compare(MvccKeys.dataKey(a, ta), MvccKeys.dataKey(c, tc))), what);
        assertFalse(MvccKeys.isVersionOf(MvccKeys.writeKey(c, tc), MvccKeys.keyPrefix(MvccKeys.WRITE, a)), what);
      }
    }
  }

  private static byte[] extend(byte[] a, Random rnd) {
    byte[] out = Arrays.copyOf(a, a.length + 1 + rnd.nextInt(2));
    for (int i = a.length; i < out.length; i++) {
      out[i] = (byte) ALPHABET[rnd.nextInt(ALPHABET.length)];
    }
    return out;
  }

  @Test
  void aKeysVersionsDoNotInterleaveWithThoseOfItsExtensions() {
    byte[][] keys = {b(), b(0), b(0, 0), b(0, 0xFF), b('a'), b('a', 0), b('a', 0, 0), b('a', 0, 1), b('a', 1), b('a', 'b'), b('a', 0xFF)};
    List<byte[]> sorted = new ArrayList<>();
    for (byte[] k : keys) {
      for (long ts : TIMESTAMPS) {
        sorted.add(MvccKeys.writeKey(k, ts));
      }
    }
    sorted.sort(Bytes.COMPARATOR);
    int i = 0;
    for (byte[] k : keys) { // keys are listed in unsigned order
      for (int j = TIMESTAMPS.length - 1; j >= 0; j--) { // newest first
        byte[] engineKey = sorted.get(i++);
        assertArrayEquals(k, MvccKeys.userKey(engineKey), Bytes.toDebugString(engineKey));
        assertEquals(TIMESTAMPS[j], MvccKeys.timestampOf(engineKey));
      }
    }
  }

  @Test
  void userKeyRoundTripsThroughEverySpace() {
    Random rnd = new Random(seed());
    List<byte[]> keys = new ArrayList<>(List.of(b(), b(0), b(0, 0, 0), b(0xFF), b(0, 1), b(0, 0xFF), b('x', 0, 1, 0)));
    for (int i = 0; i < 2000; i++) {
      keys.add(randomKey(rnd));
    }
    for (byte[] k : keys) {
      assertArrayEquals(k, MvccKeys.userKey(MvccKeys.lockKey(k)));
      assertArrayEquals(k, MvccKeys.userKey(MvccKeys.writeKey(k, 42)));
      assertArrayEquals(k, MvccKeys.userKey(MvccKeys.dataKey(k, 42)));
      assertArrayEquals(k, MvccKeys.userKey(MvccKeys.keyPrefix(MvccKeys.WRITE, k)));
    }
  }

  @Test
  void theEncodingIsAsDocumented() {
    assertArrayEquals(b('l', 'a', 0, 0xFF, 'b', 0, 1), MvccKeys.lockKey(b('a', 0, 'b')));
    assertArrayEquals(b('l', 0, 1), MvccKeys.lockKey(b()));
    byte[] w = MvccKeys.writeKey(b('k'), 1);
    assertArrayEquals(b('w', 'k', 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE), w);
    assertEquals(MvccKeys.DATA, MvccKeys.dataKey(b('k'), 1)[0]);
    assertArrayEquals(b('r', 0, 'k'), MvccKeys.rawKey(b(0, 'k')));
    assertArrayEquals(b('m', 't', 's', 'o'), MvccKeys.metaKey("tso"));
  }

  @Test
  void timestampOfReadsBackEveryTimestamp() {
    Random rnd = new Random(seed());
    List<Long> ts = new ArrayList<>();
    for (long t : TIMESTAMPS) {
      ts.add(t);
    }
    for (int i = 0; i < 1000; i++) {
      ts.add(rnd.nextLong() & Long.MAX_VALUE);
    }
    for (long t : ts) {
      assertEquals(t, MvccKeys.timestampOf(MvccKeys.writeKey(b('k', 0), t)));
      assertEquals(t, MvccKeys.timestampOf(MvccKeys.dataKey(b(), t)));
    }
  }

  @Test
  void theNewestVersionSortsFirst() {
    Random rnd = new Random(seed());
    for (int i = 0; i < 5000; i++) {
      byte[] k = randomKey(rnd);
      long older = rnd.nextLong() & Long.MAX_VALUE;
      long newer = older + 1 + rnd.nextLong((Long.MAX_VALUE - older) / 2 + 1);
      assertTrue(Bytes.compare(MvccKeys.writeKey(k, newer), MvccKeys.writeKey(k, older)) < 0);
      assertTrue(Bytes.compare(MvccKeys.dataKey(k, newer), MvccKeys.dataKey(k, older)) < 0);
    }
  }

  @Test
  void aSeekToKeyAtTsLandsOnTheNewestVersionAtOrBelowIt() {
    byte[] k = b('k', 0);
    List<byte[]> versions = new ArrayList<>();
    for (long t : new long[] {10, 20, 30}) {
      versions.add(MvccKeys.writeKey(k, t));
    }
    versions.sort(Bytes.COMPARATOR);
    // first engine key >= writeKey(k, 25) is the version at 20
    byte[] seek = MvccKeys.writeKey(k, 25);
    byte[] found = versions.stream().filter(v -> Bytes.compare(v, seek) >= 0).findFirst().orElseThrow();
    assertEquals(20, MvccKeys.timestampOf(found));
  }

  @Test
  void prefixesAndBoundsDelimitAKeysVersions() {
    byte[] k = b('a', 0);
    byte[] prefix = MvccKeys.keyPrefix(MvccKeys.WRITE, k);
    assertArrayEquals(prefix, MvccKeys.versionPrefix(MvccKeys.writeKey(k, 7)));
    assertTrue(MvccKeys.isVersionOf(MvccKeys.writeKey(k, 7), prefix));
    assertFalse(MvccKeys.isVersionOf(MvccKeys.writeKey(b('a'), 7), prefix));
    assertFalse(MvccKeys.isVersionOf(MvccKeys.writeKey(b('a', 0, 0), 7), prefix));
    assertFalse(MvccKeys.isVersionOf(MvccKeys.lockKey(k), prefix));

    byte[] lo = MvccKeys.spaceLowerBound(MvccKeys.WRITE, k);
    byte[] hi = MvccKeys.spaceUpperBound(MvccKeys.WRITE, b('b'));
    assertTrue(Bytes.compare(lo, MvccKeys.writeKey(k, Long.MAX_VALUE)) < 0, "the start key's versions are in range");
    assertTrue(Bytes.compare(MvccKeys.writeKey(b('a'), 0), lo) < 0, "keys before the start are not");
    assertTrue(Bytes.compare(MvccKeys.writeKey(b('a', 0xFF, 0xFF), 0), hi) < 0);
    assertTrue(Bytes.compare(MvccKeys.writeKey(b('b'), Long.MAX_VALUE), hi) >= 0, "the end key's versions are not");
    assertArrayEquals(b('w'), MvccKeys.spaceLowerBound(MvccKeys.WRITE, null));
    assertArrayEquals(b('x'), MvccKeys.spaceUpperBound(MvccKeys.WRITE, null));
  }

  @Test
  void malformedKeysAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> MvccKeys.userKey(b('l', 'a')));
    assertThrows(IllegalArgumentException.class, () -> MvccKeys.userKey(b('l', 'a', 0)));
    assertThrows(IllegalArgumentException.class, () -> MvccKeys.userKey(b('l', 'a', 0, 2)));
    assertThrows(IllegalArgumentException.class, () -> MvccKeys.userKey(b('l')));
  }
}
