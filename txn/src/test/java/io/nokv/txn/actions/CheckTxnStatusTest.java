package io.nokv.txn.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.Timestamps;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.TxnStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fate of a transaction, decided on its primary. Start timestamps have a real physical part
 * here so that TTLs mean something: {@link #START} is at 1 s, its lock lives {@link #TTL} ms.
 */
class CheckTxnStatusTest extends ActionTestHarness {
  private static final long START = Timestamps.compose(1_000, 0);
  /** A "now" at which the lock taken at {@link #START} is still alive. */
  private static final long ALIVE = Timestamps.compose(1_000 + TTL - 1, Timestamps.MAX_LOGICAL);

  @Test
  void anAliveLockIsLocked() {
    mustPrewritePutTtl("p", "v", "p", START, TTL);
    byte[] before = store.db().get(MvccKeys.lockKey(k("p")));

    TxnStatus s = mustCheckTxnStatus("p", START, 0, ALIVE, false);

    LockInfo lock = assertInstanceOf(TxnStatus.Locked.class, s).lock();
    assertArrayEquals(k("p"), lock.key());
    assertArrayEquals(k("p"), lock.primary());
    assertEquals(START, lock.startTs());
    assertEquals(TTL, lock.ttlMillis());
    assertEquals(START + 1, lock.minCommitTs());
    assertArrayEquals(before, store.db().get(MvccKeys.lockKey(k("p"))), "a check without a caller changes nothing");
  }

  @Test
  void aCallerPushesMinCommitTsAboveItsStartTs() {
    long caller = START + 100;
    mustPrewritePutTtl("p", "v", "p", START, TTL);

    TxnStatus s = mustCheckTxnStatus("p", START, caller, ALIVE, false);

    assertEquals(caller + 1, assertInstanceOf(TxnStatus.Locked.class, s).lock().minCommitTs());
    assertEquals(caller + 1, mustLocked("p", START).minCommitTs(), "the push is durable");
  }

  @Test
  void afterThePushTheCallerReadsPastTheLockWithoutResolvingIt() {
    long older = START - 10;
    mustPrewritePut("p", "old", "p", older - 5);
    mustCommit("p", older - 5, older);
    mustPrewritePutTtl("p", "new", "p", START, TTL);
    long caller = START + 100;
    assertEquals(START, mustGetLocked("p", caller).startTs());

    mustCheckTxnStatus("p", START, caller, ALIVE, false);

    mustGet("p", caller, "old");
    mustLocked("p", START);
    assertEquals(START, mustGetLocked("p", caller + 1).startTs(), "a later reader is still blocked");
  }

  @Test
  void thePushNeverLowersMinCommitTs() {
    mustPrewritePutTtl("p", "v", "p", START, TTL);
    mustCheckTxnStatus("p", START, START + 100, ALIVE, false);

    TxnStatus s = mustCheckTxnStatus("p", START, START + 50, ALIVE, false);

    assertEquals(START + 101, assertInstanceOf(TxnStatus.Locked.class, s).lock().minCommitTs());
    assertEquals(START + 101, mustLocked("p", START).minCommitTs());
  }

  @Test
  void aReaderAtMaxTimestampPushesNothing() {
    mustPrewritePutTtl("p", "v", "p", START, TTL);

    mustCheckTxnStatus("p", START, Timestamps.MAX, ALIVE, false);

    assertEquals(START + 1, mustLocked("p", START).minCommitTs());
  }

  /**
   * A LOCK-only primary is pushed like any other: its secondaries may be PUTs that block the
   * reader, and the push lets the reader read past all of the transaction's locks.
   */
  @Test
  void aLockOnlyPrimaryIsPushedToo() {
    mustPrewrite(List.of(Mutation.lock(k("p"))), k("p"), START, TTL);

    TxnStatus s = mustCheckTxnStatus("p", START, START + 100, ALIVE, false);

    assertEquals(MutationKind.LOCK, assertInstanceOf(TxnStatus.Locked.class, s).lock().kind());
    assertEquals(START + 101, mustLocked("p", START).minCommitTs());
  }

  @Test
  void anExpiredLockIsRolledBackByThisCall() {
    mustPrewrite(List.of(Mutation.put(k("p"), value(2000, 1))), k("p"), START, TTL);

    TxnStatus s = mustCheckTxnStatus("p", START, START + 100, expiredAt(START, TTL), false);

    assertTrue(assertInstanceOf(TxnStatus.RolledBack.class, s).byThisCall());
    mustUnlocked("p");
    mustRolledBack("p", START);
    assertEquals(0, countSpace(MvccKeys.DATA), "the rolled-back value's data is gone");
    expectError(KeyError.TxnAborted.class, mustCommitErr("p", START, START + 200));
  }

  @Test
  void theTtlRunsOutAtExactlyStartPlusTtl() {
    mustPrewritePutTtl("p", "v", "p", START, TTL);

    assertInstanceOf(TxnStatus.Locked.class, mustCheckTxnStatus("p", START, 0, ALIVE, false));
    TxnStatus s = mustCheckTxnStatus("p", START, 0, Timestamps.compose(1_000 + TTL, 0), false);

    assertTrue(assertInstanceOf(TxnStatus.RolledBack.class, s).byThisCall());
  }

  @Test
  void aLockWithTheLargestTtlNeverExpires() {
    mustPrewritePutTtl("p", "v", "p", START, Long.MAX_VALUE);

    TxnStatus s = mustCheckTxnStatus("p", START, 0, Timestamps.compose(1_000 + 3_600_000, 0), false);

    assertEquals(Long.MAX_VALUE, assertInstanceOf(TxnStatus.Locked.class, s).lock().ttlMillis());
    mustLocked("p", START);
  }

  @Test
  void aCommittedPrimaryIsCommitted() {
    mustPrewritePutTtl("p", "v", "p", START, TTL);
    mustCommit("p", START, START + 7);

    TxnStatus s = mustCheckTxnStatus("p", START, START + 100, expiredAt(START, TTL), false);

    assertEquals(START + 7, assertInstanceOf(TxnStatus.Committed.class, s).commitTs());
    mustWritten("p", START + 7, START, MutationKind.PUT);
  }

  @Test
  void aRolledBackPrimaryIsRolledBackNotByThisCall() {
    mustPrewritePutTtl("p", "v", "p", START, TTL);
    mustRollback("p", START);

    TxnStatus s = mustCheckTxnStatus("p", START, 0, ALIVE, true);

    assertFalse(assertInstanceOf(TxnStatus.RolledBack.class, s).byThisCall());
    assertEquals(1, writesOf("p").size());
  }

  @Test
  void noLockAndNoRecordIsTxnNotFound() {
    KeyError.TxnNotFound e = expectError(KeyError.TxnNotFound.class, mustCheckTxnStatusErr("p", START, 0, ALIVE, false));

    assertArrayEquals(k("p"), e.key());
    assertEquals(START, e.startTs());
    assertEquals(0, writesOf("p").size(), "nothing written");
  }

  @Test
  void noLockAndNoRecordWithRollbackIfNotExistWritesAProtectiveRecord() {
    TxnStatus s = mustCheckTxnStatus("p", START, 0, ALIVE, true);

    assertTrue(assertInstanceOf(TxnStatus.RolledBack.class, s).byThisCall());
    mustRolledBack("p", START);
    expectError(KeyError.TxnAborted.class, mustPrewriteErr(Mutation.put(k("p"), k("late")), "p", START));
    mustUnlocked("p");
  }

  @Test
  void anotherTransactionsLockOnThePrimaryIsNotThisTransaction() {
    long other = START + 50;
    mustPrewritePutTtl("p", "v", "p", other, TTL);

    expectError(KeyError.TxnNotFound.class, mustCheckTxnStatusErr("p", START, 0, expiredAt(other, TTL), false));
    TxnStatus s = mustCheckTxnStatus("p", START, 0, expiredAt(other, TTL), true);

    assertTrue(assertInstanceOf(TxnStatus.RolledBack.class, s).byThisCall());
    mustRolledBack("p", START);
    mustLocked("p", other);
  }

  @Test
  void theActionPushesWithOneLockWrite() {
    mustPrewritePutTtl("p", "v", "p", START, TTL);

    act((r, w) -> {
      TxnStatus s = CheckTxnStatus.check(r, w, k("p"), START, START + 9, ALIVE, false);
      assertEquals(START + 10, ((TxnStatus.Locked) s).lock().minCommitTs());
      assertEquals(1, w.count());
    });

    assertEquals(START + 10, mustLocked("p", START).minCommitTs());
    assertNull(store.db().get(MvccKeys.writeKey(k("p"), START)));
  }
}
