package io.nokv.txn.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccFormatException;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.Timestamps;
import io.nokv.txn.rpc.GetResponse;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KeyErrorException;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.PrewriteRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Snapshot reads of one key. */
class MvccGetTest extends ActionTestHarness {

  private void commitPut(String key, String value, long startTs, long commitTs) {
    mustPrewritePut(key, value, key, startTs);
    mustCommit(key, startTs, commitTs);
  }

  @Test
  void readsTheNewestVersionAtOrBelowReadTs() {
    commitPut("k", "v1", 10, 20);
    commitPut("k", "v2", 30, 40);
    commitPut("k", "v3", 50, 60);

    mustGetNone("k", 19);
    mustGet("k", 20, "v1");
    mustGet("k", 39, "v1");
    mustGet("k", 40, "v2");
    mustGet("k", 59, "v2");
    mustGet("k", 60, "v3");
    mustGet("k", Timestamps.MAX, "v3");
  }

  @Test
  void skipsRollbackAndLockRecords() {
    commitPut("k", "v1", 10, 20);
    mustPrewriteLock("k", "k", 30);
    mustCommit("k", 30, 40);
    mustPrewritePut("k", "never", "k", 50);
    mustRollback("k", 50);
    mustRollback("k", 55);

    mustGet("k", 40, "v1");
    mustGet("k", 50, "v1");
    mustGet("k", 100, "v1");
    assertEquals(20, withReader(r -> r.getWrite(k("k"), 100)).commitTs());
  }

  @Test
  void aDeletedKeyReadsAsAbsent() {
    commitPut("k", "v1", 10, 20);
    mustPrewriteDelete("k", "k", 30);
    mustCommit("k", 30, 40);

    mustGet("k", 39, "v1");
    mustGetNone("k", 40);
    mustGetNone("k", 100);
  }

  @Test
  void anOlderLockBlocksWithItsInfo() {
    commitPut("k", "v1", 10, 20);
    mustPrewritePutTtl("k", "v2", "p", 30, 4321);

    LockInfo lock = mustGetLocked("k", 31);

    assertArrayEquals(k("k"), lock.key());
    assertArrayEquals(k("p"), lock.primary());
    assertEquals(30, lock.startTs());
    assertEquals(4321, lock.ttlMillis());
    assertEquals(MutationKind.PUT, lock.kind());
    mustGetLocked("k", Timestamps.MAX);
  }

  @Test
  void aDeleteLockBlocksToo() {
    commitPut("k", "v1", 10, 20);
    mustPrewriteDelete("k", "k", 30);

    assertEquals(MutationKind.DELETE, mustGetLocked("k", 40).kind());
  }

  @Test
  void aNewerLockDoesNotBlock() {
    commitPut("k", "v1", 10, 20);
    mustPrewritePut("k", "v2", "k", 30);

    mustGet("k", 29, "v1");
    mustGetNone("k", 19);
  }

  @Test
  void aLockStartedAtReadTsDoesNotBlockBecauseItCommitsAbove() {
    commitPut("k", "v1", 10, 20);
    mustPrewritePut("k", "v2", "k", 30);

    assertEquals(31, mustLocked("k", 30).minCommitTs());
    mustGet("k", 30, "v1");
  }

  @Test
  void aLockWithMinCommitTsAboveReadTsDoesNotBlock() {
    commitPut("k", "v1", 10, 20);
    store.prewrite(CTX, new PrewriteRequest(List.of(Mutation.put(k("k"), k("v2"))), k("k"), 30, TTL, 1, 50, false));

    mustGet("k", 49, "v1");
    assertEquals(30, mustGetLocked("k", 50).startTs());
  }

  @Test
  void aLockOnlyLockDoesNotBlock() {
    commitPut("k", "v1", 10, 20);
    mustPrewriteLock("k", "k", 30);

    mustGet("k", 40, "v1");
  }

  @Test
  void bypassedLocksDoNotBlock() {
    commitPut("k", "v1", 10, 20);
    mustPrewritePut("k", "v2", "k", 30);

    GetResponse bypassed = store.get(CTX, k("k"), 40, Set.of(30L));
    GetResponse other = store.get(CTX, k("k"), 40, Set.of(29L, 31L));

    assertNull(bypassed.error());
    assertArrayEquals(k("v1"), bypassed.value());
    expectError(KeyError.KeyIsLocked.class, other.error());
  }

  @Test
  void keysThatDifferByATrailingZeroByteAreSeparate() {
    mustPrewritePut(k("a"), k("A"), k("a"), 10);
    mustPrewritePut(bytes('a', 0), k("A0"), k("a"), 10);
    mustCommit(k("a"), 10, 20);
    mustCommit(bytes('a', 0), 10, 20);
    mustPrewriteDelete("a", "a", 30);
    mustCommit("a", 30, 40);

    mustGetNone("a", 40);
    mustGet(bytes('a', 0), 40, k("A0"));
    mustGet(bytes('a', 0, 0), 40, null);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 255, 256, 1023, 1024, 1025, 4096, 65536})
  void valuesOfEverySizeReadBackAlsoAfterFlushAndReopen(int size) {
    byte[] v1 = value(size, 1);
    byte[] v2 = value(size, 2);
    mustPrewritePut(k("k"), v1, k("k"), 10);
    mustCommit("k", 10, 20);
    mustPrewritePut(k("k"), v2, k("k"), 30);
    mustCommit("k", 30, 40);

    mustGet(k("k"), 20, v1);
    mustGet(k("k"), 40, v2);
    store.db().flush();
    mustGet(k("k"), 20, v1);
    reopen();
    mustGet(k("k"), 20, v1);
    mustGet(k("k"), 40, v2);
  }

  @Test
  void aLostDataKeyIsAFormatErrorNotAnAbsentValue() {
    mustPrewritePut(k("k"), value(300, 1), k("k"), 10);
    mustCommit("k", 10, 20);
    store.db().delete(MvccKeys.dataKey(k("k"), 10));

    assertThrows(MvccFormatException.class, () -> store.get(CTX, k("k"), 20, Set.of()));
  }

  @Test
  void theActionThrowsKeyIsLockedAndReadsThroughAReader() {
    commitPut("k", "v1", 10, 20);
    mustPrewritePut("k", "v2", "k", 30);

    assertArrayEquals(k("v1"), withReader(r -> MvccGet.get(r, k("k"), 25, Set.of())));
    KeyErrorException e =
        assertThrows(KeyErrorException.class, () -> withReader(r -> MvccGet.get(r, k("k"), 35, Set.of())));
    assertEquals(30, expectError(KeyError.KeyIsLocked.class, e.error()).lock().startTs());
  }
}
