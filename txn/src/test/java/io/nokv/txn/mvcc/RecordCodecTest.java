package io.nokv.txn.mvcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lock and write records: round trips, and every way a damaged record must be refused. */
class RecordCodecTest {

  static Stream<Arguments> locks() {
    List<Arguments> out = new ArrayList<>();
    byte[][] values = {null, new byte[0], {1}, filled(Write.SHORT_VALUE_MAX, 7)};
    long[][] numbers = {{0, 0, 0, 0}, {1, 1, 2, 1}, {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE},
        {1L << 40, 127, 128, 16384}, {12345, 3000, 12346, 3}};
    for (MutationKind kind : List.of(MutationKind.PUT, MutationKind.DELETE, MutationKind.LOCK)) {
      for (int i = 0; i < values.length; i++) {
        long[] n = numbers[i % numbers.length];
        byte[] primary = i == 0 ? new byte[0] : filled(i * 70, i);
        out.add(Arguments.of(new Lock(kind, primary, n[0], n[1], n[2], n[3], kind == MutationKind.PUT ? values[i] : null)));
      }
    }
    return out.stream();
  }

  static Stream<Arguments> writes() {
    List<Arguments> out = new ArrayList<>();
    for (MutationKind kind : MutationKind.values()) {
      for (long ts : new long[] {0, 1, 1L << 18, Long.MAX_VALUE}) {
        out.add(Arguments.of(new Write(kind, ts, null)));
      }
    }
    out.add(Arguments.of(new Write(MutationKind.PUT, 5, new byte[0])));
    out.add(Arguments.of(new Write(MutationKind.PUT, 5, filled(Write.SHORT_VALUE_MAX, 3))));
    out.add(Arguments.of(new Write(MutationKind.PUT, 5, filled(200, 0))));
    return out.stream();
  }

  private static byte[] filled(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i * 13);
    }
    return b;
  }

  @ParameterizedTest
  @MethodSource("locks")
  void lockRoundTrips(Lock lock) {
    Lock back = Lock.decode(lock.encode());

    assertEquals(lock.kind(), back.kind());
    assertArrayEquals(lock.primary(), back.primary());
    assertEquals(lock.startTs(), back.startTs());
    assertEquals(lock.ttlMillis(), back.ttlMillis());
    assertEquals(lock.minCommitTs(), back.minCommitTs());
    assertEquals(lock.txnSize(), back.txnSize());
    assertArrayEquals(lock.shortValue(), back.shortValue());
    if (lock.shortValue() == null) {
      assertNull(back.shortValue(), "no value stays distinct from an empty one");
    }
  }

  @ParameterizedTest
  @MethodSource("writes")
  void writeRoundTrips(Write write) {
    Write back = Write.decode(write.encode());

    assertEquals(write.kind(), back.kind());
    assertEquals(write.startTs(), back.startTs());
    assertArrayEquals(write.shortValue(), back.shortValue());
  }

  @ParameterizedTest
  @MethodSource("locks")
  void everyTruncationOfALockIsRefused(Lock lock) {
    assertEveryTruncationRefused(lock.encode(), Lock::decode);
  }

  @ParameterizedTest
  @MethodSource("writes")
  void everyTruncationOfAWriteIsRefused(Write write) {
    assertEveryTruncationRefused(write.encode(), Write::decode);
  }

  private static void assertEveryTruncationRefused(byte[] encoded, Function<byte[], ?> decode) {
    for (int n = 0; n < encoded.length; n++) {
      byte[] cut = Arrays.copyOf(encoded, n);
      assertThrows(MvccFormatException.class, () -> decode.apply(cut), "truncated to " + n + " bytes");
    }
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] lock = sampleLock().encode();
    byte[] write = new Write(MutationKind.PUT, 9, new byte[] {1, 2}).encode();

    assertThrows(MvccFormatException.class, () -> Lock.decode(Arrays.copyOf(lock, lock.length + 1)));
    assertThrows(MvccFormatException.class, () -> Write.decode(Arrays.copyOf(write, write.length + 1)));
  }

  @Test
  void anotherVersionIsRefused() {
    for (int version : new int[] {0, 2, 255}) {
      byte[] lock = sampleLock().encode();
      byte[] write = new Write(MutationKind.DELETE, 9, null).encode();
      lock[0] = (byte) version;
      write[0] = (byte) version;

      assertThrows(MvccFormatException.class, () -> Lock.decode(lock), "lock version " + version);
      assertThrows(MvccFormatException.class, () -> Write.decode(write), "write version " + version);
    }
  }

  @Test
  void anUnknownKindIsRefused() {
    for (int kind : new int[] {0, 5, 0x7F, 0xFF}) {
      byte[] lock = sampleLock().encode();
      byte[] write = new Write(MutationKind.DELETE, 9, null).encode();
      lock[1] = (byte) kind;
      write[1] = (byte) kind;

      assertThrows(MvccFormatException.class, () -> Lock.decode(lock), "lock kind " + kind);
      assertThrows(MvccFormatException.class, () -> Write.decode(write), "write kind " + kind);
    }
  }

  @Test
  void aLockRecordOfKindRollbackIsAFormatError() {
    byte[] lock = sampleLock().encode();
    lock[1] = (byte) MutationKind.ROLLBACK.code();

    assertThrows(MvccFormatException.class, () -> Lock.decode(lock));
  }

  @Test
  void aLengthPastTheEndIsRefused() {
    // primary of 3 bytes, claimed 100
    Lock l = new Lock(MutationKind.PUT, new byte[] {1, 2, 3}, 1, 2, 3, 4, null);
    byte[] enc = l.encode();
    int lengthAt = 1 + 1 + 8 + 1 + 8 + 1; // version, kind, start_ts, ttl (1-byte varint), min_commit_ts, size
    assertEquals(3, enc[lengthAt]);
    enc[lengthAt] = 100;

    assertThrows(MvccFormatException.class, () -> Lock.decode(enc));
  }

  @Test
  void aHugeOrOverlongVarintIsRefused() {
    byte[] header = {(byte) Lock.VERSION, (byte) MutationKind.PUT.code(), 0, 0, 0, 0, 0, 0, 0, 1};
    byte[] overlong = new byte[11];
    Arrays.fill(overlong, (byte) 0x80);
    byte[] enc = concat(header, overlong);
    assertThrows(MvccFormatException.class, () -> Lock.decode(enc));

    // a length whose varint decodes negative
    Write w = new Write(MutationKind.PUT, 1, new byte[] {1});
    byte[] good = w.encode();
    byte[] negLength = concat(Arrays.copyOf(good, 11), new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 1});
    assertThrows(MvccFormatException.class, () -> Write.decode(negLength));
  }

  @Test
  void randomCorruptionIsRefusedOrDecodesToSomethingWellFormed() {
    long seed = Long.getLong("nokv.test.seed", System.nanoTime());
    System.out.println("RecordCodecTest seed=" + seed + " (-Dnokv.test.seed to replay)");
    Random rnd = new Random(seed);
    byte[] lock = sampleLock().encode();
    byte[] write = new Write(MutationKind.PUT, 77, new byte[] {9, 8, 7}).encode();
    for (int i = 0; i < 5000; i++) {
      for (byte[] original : List.of(lock, write)) {
        byte[] bad = original.clone();
        bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
        try {
          if (original == lock) {
            Lock.decode(bad);
          } else {
            Write.decode(bad);
          }
        } catch (MvccFormatException expected) {
          // refused: fine
        } catch (RuntimeException e) {
          throw new AssertionError("seed " + seed + ": a damaged record raised " + e + " instead of MvccFormatException", e);
        }
      }
    }
  }

  @Test
  void aRollbackLockCannotBeBuilt() {
    assertThrows(IllegalArgumentException.class, () -> new Lock(MutationKind.ROLLBACK, new byte[0], 1, 1, 1, 1, null));
  }

  @Test
  void isShortAtTheTiKVLimit() {
    assertEquals(true, Write.isShort(new byte[Write.SHORT_VALUE_MAX]));
    assertEquals(false, Write.isShort(new byte[Write.SHORT_VALUE_MAX + 1]));
  }

  @Test
  void withMinCommitTsChangesOnlyThat() {
    Lock l = sampleLock();
    Lock pushed = l.withMinCommitTs(999);

    assertEquals(999, pushed.minCommitTs());
    assertEquals(l.startTs(), pushed.startTs());
    assertEquals(l.ttlMillis(), pushed.ttlMillis());
    assertArrayEquals(l.shortValue(), pushed.shortValue());
  }

  @Test
  void expiryComparesPhysicalTime() {
    Lock l = new Lock(MutationKind.PUT, new byte[] {1}, Timestamps.compose(1000, 5), 100, 0, 1, null);

    assertEquals(false, l.isExpired(Timestamps.compose(1099, Timestamps.MAX_LOGICAL)));
    assertEquals(true, l.isExpired(Timestamps.compose(1100, 0)));
  }

  @Test
  void aHugeTtlDoesNotOverflowIntoExpiry() {
    long start = Timestamps.compose(1_700_000_000_000L, 0);
    Lock forever = new Lock(MutationKind.PUT, new byte[] {1}, start, Long.MAX_VALUE, 0, 1, null);
    Lock almost = new Lock(MutationKind.PUT, new byte[] {1}, start, Long.MAX_VALUE - 1_000, 0, 1, null);

    assertEquals(false, forever.isExpired(start));
    assertEquals(false, forever.isExpired(Timestamps.compose(1_700_000_000_000L + 3_600_000, 0)));
    assertEquals(false, almost.isExpired(Long.MAX_VALUE));
  }

  private static Lock sampleLock() {
    return new Lock(MutationKind.PUT, new byte[] {'p', 0, 'q'}, 1234, 3000, 1235, 2, new byte[] {'v'});
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
