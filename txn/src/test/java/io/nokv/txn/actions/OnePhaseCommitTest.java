package io.nokv.txn.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.Timestamps;
import io.nokv.txn.mvcc.Write;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.PrewriteRequest;
import io.nokv.txn.rpc.PrewriteResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prewrite with {@code tryOnePc}: the store commits in the same step and picks the commit timestamp. */
class OnePhaseCommitTest extends ActionTestHarness {

  @Test
  void writesTheWriteRecordAndNoLock() {
    long commitTs = mustOnePc(List.of(Mutation.put(k("a"), k("1")), Mutation.put(k("b"), k("2"))), k("a"), 10);

    mustUnlocked("a");
    mustUnlocked("b");
    assertEquals(0, countSpace(MvccKeys.LOCK));
    assertArrayEquals(k("1"), mustWritten("a", commitTs, 10, MutationKind.PUT).shortValue());
    assertArrayEquals(k("2"), mustWritten("b", commitTs, 10, MutationKind.PUT).shortValue());
  }

  @Test
  void isVisibleAtItsCommitTsAndNotBefore() {
    long commitTs = mustOnePc(List.of(Mutation.put(k("k"), k("v"))), k("k"), 10);

    mustGet("k", commitTs, "v");
    mustGet("k", Timestamps.MAX, "v");
    mustGetNone("k", commitTs - 1);
  }

  @Test
  void commitTsIsTakenFromTheOracleAfterStartTs() {
    long startTs = store.getTimestamps(1);
    long commitTs = mustOnePc(List.of(Mutation.put(k("k"), k("v"))), k("k"), startTs);

    assertTrue(commitTs > startTs);
    assertTrue(store.getTimestamps(1) > commitTs, "the oracle issued the commit ts");
  }

  @Test
  void commitTsHonoursMinCommitTsAboveTheOracle() {
    long startTs = Timestamps.compose(Timestamps.physical(store.getTimestamps(1)) + 3_600_000, 0);
    PrewriteRequest req =
        new PrewriteRequest(List.of(Mutation.put(k("k"), k("v"))), k("k"), startTs, TTL, 1, startTs + 5, true);

    PrewriteResponse r = store.prewrite(CTX, req);

    assertTrue(r.ok(), () -> messages(r.errors()));
    assertEquals(startTs + 5, r.onePcCommitTs());
    mustWritten("k", startTs + 5, startTs, MutationKind.PUT);
  }

  @Test
  void longValuesGoToTheDataSpace() {
    byte[] v = value(2000, 3);
    long commitTs = mustOnePc(List.of(Mutation.put(k("k"), v)), k("k"), 10);

    Write w = mustWritten("k", commitTs, 10, MutationKind.PUT);
    assertNull(w.shortValue());
    mustData("k", 10, v);
    mustGet(k("k"), commitTs, v);
  }

  @Test
  void deleteAndLockMutationsLeaveTheirRecords() {
    mustPrewritePut("d", "old", "d", 5);
    mustCommit("d", 5, 6);

    long commitTs = mustOnePc(List.of(Mutation.delete(k("d")), Mutation.lock(k("l"))), k("d"), 10);

    mustWritten("d", commitTs, 10, MutationKind.DELETE);
    mustWritten("l", commitTs, 10, MutationKind.LOCK);
    mustGetNone("d", commitTs);
    mustGet("d", commitTs - 1, "old");
  }

  @Test
  void aOnePcLockRecordStillConflictsWithAnOlderWriter() {
    long commitTs = mustOnePc(List.of(Mutation.lock(k("k"))), k("k"), 10);

    KeyError.WriteConflict c =
        expectError(KeyError.WriteConflict.class, mustPrewriteErr(Mutation.put(k("k"), k("v")), "k", 8));
    assertEquals(10, c.conflictStartTs());
    assertEquals(commitTs, c.conflictCommitTs());
  }

  @Test
  void conflictsWithANewerCommitLikeATwoPhasePrewrite() {
    mustPrewritePut("k", "v1", "k", 10);
    mustCommit("k", 10, 20);

    PrewriteResponse r = store.prewrite(CTX, request(List.of(Mutation.put(k("k"), k("v2"))), k("k"), 15, TTL, true));

    assertEquals(1, r.errors().size());
    KeyError.WriteConflict c = expectError(KeyError.WriteConflict.class, r.errors().get(0));
    assertEquals(20, c.conflictCommitTs());
    assertEquals(0, r.onePcCommitTs());
    assertEquals(1, writesOf("k").size(), "nothing was written");
  }

  @Test
  void isBlockedByAnotherTransactionsLock() {
    mustPrewritePut("b", "x", "b", 10);

    PrewriteResponse r =
        store.prewrite(
            CTX, request(List.of(Mutation.put(k("a"), k("1")), Mutation.put(k("b"), k("2"))), k("a"), 20, TTL, true));

    assertEquals(1, r.errors().size());
    assertEquals(10, expectError(KeyError.KeyIsLocked.class, r.errors().get(0)).lock().startTs());
    assertTrue(writesOf("a").isEmpty());
    mustLocked("b", 10);
  }

  @Test
  void isTxnAbortedAfterARollback() {
    mustRollback("k", 10);

    PrewriteResponse r = store.prewrite(CTX, request(List.of(Mutation.put(k("k"), k("v"))), k("k"), 10, TTL, true));

    expectError(KeyError.TxnAborted.class, r.errors().get(0));
  }

  @Test
  void aRetryReportsTheSameCommitTsAndWritesNothing() {
    long commitTs = mustOnePc(List.of(Mutation.put(k("k"), k("v"))), k("k"), 10);

    long again = mustOnePc(List.of(Mutation.put(k("k"), k("v"))), k("k"), 10);

    assertEquals(commitTs, again);
    assertEquals(1, writesOf("k").size());
  }

  @Test
  void aLaterTransactionSeesTheCommitAsAConflictOrAsHistory() {
    long commitTs = mustOnePc(List.of(Mutation.put(k("k"), k("v"))), k("k"), 10);

    expectError(KeyError.WriteConflict.class, mustPrewriteErr(Mutation.put(k("k"), k("x")), "k", commitTs - 1));
    mustPrewritePut("k", "w", "k", commitTs + 1);
    mustCommit("k", commitTs + 1, commitTs + 2);
    mustGet("k", commitTs + 1, "v");
    mustGet("k", commitTs + 2, "w");
  }
}
