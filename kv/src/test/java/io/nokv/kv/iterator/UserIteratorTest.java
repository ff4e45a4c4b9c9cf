package io.nokv.kv.iterator;

import static io.nokv.kv.iterator.TestKeys.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.DbClosedException;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.memtable.MemTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class UserIteratorTest {
  /** a b c d e, each one version at seqs 1..5; "c" has a newer version at 10. */
  private static MemTable fiveKeys() {
    MemTable m = new MemTable();
    String[] keys = {"a", "b", "c", "d", "e"};
    for (int i = 0; i < keys.length; i++) {
      m.add(i + 1, ValueType.VALUE, b(keys[i]), b(keys[i] + (i + 1)));
    }
    m.add(10, ValueType.VALUE, b("c"), b("c10"));
    return m;
  }

  private static UserIterator iterator(MemTable m, long readSeq, byte[] lower, byte[] upper) {
    return new UserIterator(m.iterator(), readSeq, m.rangeTombstoneSet(), null, lower, upper, null);
  }

  private static void assertAt(UserIterator it, String key, String value) {
    assertTrue(it.isValid(), "expected " + key);
    assertArrayEquals(b(key), it.key(), () -> "at " + TestKeys.show(it.key()));
    assertArrayEquals(b(value), it.value());
  }

  @Test
  void boundsClampSeeksAndStopSteps() {
    try (UserIterator it = iterator(fiveKeys(), 9, b("b"), b("d"))) {
      it.seek(b("a"));
      assertAt(it, "b", "b2");
      it.prev();
      assertFalse(it.isValid(), "prev stops at the lower bound");
      it.seekForPrev(b("z"));
      assertAt(it, "c", "c3");
      it.next();
      assertFalse(it.isValid(), "next stops before the upper bound");
      it.seekToFirst();
      assertAt(it, "b", "b2");
      it.seekToLast();
      assertAt(it, "c", "c3");
      it.seek(b("d"));
      assertFalse(it.isValid(), "seek at the upper bound");
      it.seekForPrev(b("a"));
      assertFalse(it.isValid(), "seekForPrev below the lower bound");
      it.seekForPrev(b("bb"));
      assertAt(it, "b", "b2");
      it.next();
      assertAt(it, "c", "c3");
      it.prev();
      assertAt(it, "b", "b2");
    }
  }

  @Test
  void readSequenceSelectsVersionsAndTombstones() {
    MemTable m = fiveKeys();
    m.addRangeTombstone(11, b("b"), b("d")); // hides b and c at >= 11
    m.add(12, ValueType.VALUE, b("c"), b("c12")); // newer than the tombstone
    m.add(13, ValueType.DELETE, b("e"), null);
    assertEquals(List.of("a=a1", "b=b2", "c=c10", "d=d4", "e=e5"), scan(m, 10));
    assertEquals(List.of("a=a1", "d=d4", "e=e5"), scan(m, 11));
    assertEquals(List.of("a=a1", "c=c12", "d=d4"), scan(m, 13));
    assertEquals(List.of("a=a1", "b=b2"), scan(m, 2));
    assertEquals(List.of(), scan(m, 0));
  }

  /** Forward and backward scans must agree; returns the forward one as "key=value". */
  private static List<String> scan(MemTable m, long readSeq) {
    List<String> forward = new ArrayList<>();
    List<String> backward = new ArrayList<>();
    try (UserIterator it = iterator(m, readSeq, null, null)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        forward.add(new String(it.key()) + "=" + new String(it.value()));
      }
      for (it.seekToLast(); it.isValid(); it.prev()) {
        backward.add(0, new String(it.key()) + "=" + new String(it.value()));
      }
    }
    assertEquals(forward, backward);
    return forward;
  }

  @Test
  void valuePointersResolveOnlyWhenValueIsRead() {
    MemTable m = new MemTable();
    m.add(1, ValueType.VALUE_POINTER, b("a"), LayeredSources.concat(LayeredSources.POINTER_PREFIX, b("big")));
    m.add(2, ValueType.VALUE, b("b"), b("small"));
    AtomicInteger resolves = new AtomicInteger();
    ValueResolver resolver = (ik, stored) -> {
      resolves.incrementAndGet();
      return LayeredSources.resolvePointer(ik, stored);
    };
    try (UserIterator it = new UserIterator(m.iterator(), 5, null, resolver, null, null, null)) {
      int keys = 0;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        keys++;
      }
      for (it.seekToLast(); it.isValid(); it.prev()) {
        it.key();
      }
      assertEquals(2, keys);
      assertEquals(0, resolves.get(), "a key-only scan reads no value");
      it.seekToFirst();
      byte[] v1 = it.value();
      byte[] v2 = it.value();
      assertArrayEquals(b("big"), v1);
      assertNotSame(v1, v2, "each call returns a fresh copy");
      assertEquals(2, resolves.get());
      it.next();
      byte[] s1 = it.value();
      s1[0] = 'X';
      assertArrayEquals(b("small"), it.value(), "callers may modify what they get");
      byte[] k = it.key();
      k[0] = 'X';
      assertArrayEquals(b("b"), it.key());
    }
  }

  @Test
  void notPositionedAndClosedStatesThrow() {
    AtomicInteger onClose = new AtomicInteger();
    AtomicInteger internalOpen = new AtomicInteger();
    TrackingIterator internal = new TrackingIterator(fiveKeys().iterator(), internalOpen);
    UserIterator it = new UserIterator(internal, 9, null, null, null, null, () -> {
      assertEquals(0, internalOpen.get(), "the internal iterator is closed before onClose runs");
      onClose.incrementAndGet();
    });
    assertFalse(it.isValid());
    assertThrows(IllegalStateException.class, it::key);
    assertThrows(IllegalStateException.class, it::value);
    assertThrows(IllegalStateException.class, it::next);
    assertThrows(IllegalStateException.class, it::prev);
    it.seek(b("zz"));
    assertFalse(it.isValid());
    assertThrows(IllegalStateException.class, it::prev);
    it.close();
    it.close();
    assertEquals(1, onClose.get());
    assertEquals(1, internal.closes);
    Executable[] uses = {it::isValid, it::seekToFirst, it::seekToLast, () -> it.seek(b("a")),
        () -> it.seekForPrev(b("a")), it::next, it::prev, it::key, it::value};
    for (Executable use : uses) {
      assertThrows(DbClosedException.class, use);
    }
  }

  @Test
  void onCloseRunsEvenWhenClosingTheInternalIteratorFails() {
    AtomicInteger onClose = new AtomicInteger();
    InternalIterator failing = new TrackingIterator(new MemTable().iterator(), new AtomicInteger()) {
      @Override
      public void close() {
        super.close();
        throw new IllegalStateException("close failed");
      }
    };
    UserIterator it = new UserIterator(failing, 1, null, null, null, null, onClose::incrementAndGet);
    assertThrows(IllegalStateException.class, it::close);
    assertEquals(1, onClose.get());
    it.close();
    assertEquals(1, onClose.get());
  }

  @Test
  void rangeDeleteEntryInTheStreamIsCorruption() {
    byte[] bad = InternalKey.encode(b("k"), 3, ValueType.RANGE_DELETE);
    InternalIterator single = new InternalIterator() {
      boolean valid;

      @Override
      public boolean isValid() {
        return valid;
      }

      @Override
      public void seekToFirst() {
        valid = true;
      }

      @Override
      public void seekToLast() {
        valid = true;
      }

      @Override
      public void seek(byte[] internalKey) {
        valid = InternalKey.compare(internalKey, bad) <= 0;
      }

      @Override
      public void next() {
        valid = false;
      }

      @Override
      public void prev() {
        valid = false;
      }

      @Override
      public byte[] key() {
        return bad;
      }

      @Override
      public byte[] value() {
        return b("z");
      }

      @Override
      public void close() {}
    };
    try (UserIterator it = new UserIterator(single, 5, null, null, null, null, null)) {
      CorruptionException e = assertThrows(CorruptionException.class, it::seekToFirst);
      assertTrue(e.getMessage().contains("unexpected entry type 3"), e.getMessage());
      assertThrows(CorruptionException.class, it::seekToLast);
    }
  }
}
