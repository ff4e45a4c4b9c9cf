package io.nokv.txn.actions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nokv.kv.DbIterator;
import io.nokv.kv.Options;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.format.Bytes;
import io.nokv.txn.mvcc.CommittedWrite;
import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.MvccReader;
import io.nokv.txn.mvcc.MvccWrites;
import io.nokv.txn.mvcc.Timestamps;
import io.nokv.txn.mvcc.Write;
import io.nokv.txn.rpc.CheckTxnStatusResponse;
import io.nokv.txn.rpc.GetResponse;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KvPair;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.PrewriteRequest;
import io.nokv.txn.rpc.PrewriteResponse;
import io.nokv.txn.rpc.RegionContext;
import io.nokv.txn.rpc.ScanResponse;
import io.nokv.txn.rpc.TxnStatus;
import io.nokv.txn.store.LocalStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol-shaped helpers for the action tests, in the style of TiKV's {@code must_prewrite_put},
 * {@code must_commit}, {@code must_locked}: each drives a {@link LocalStore} opened on a fresh
 * temporary directory through its {@code KvRpc} methods and fails the test when the step does not
 * succeed (the {@code ...Err} variants fail when it does). Inspection helpers read the engine's
 * lock, write and data spaces directly, and {@link #act} runs action classes against an
 * {@link MvccReader} and {@link MvccWrites} over the store's engine.
 *
 * <p>Timestamps are plain numbers chosen by each test (as in TiKV's tests); only TTL checks look at
 * their physical part, see {@link #expiredAt}.
 */
public abstract class ActionTestHarness {
  protected static final RegionContext CTX = LocalStore.REGION.context();
  protected static final long TTL = 3000;

  @TempDir protected Path dir;
  protected LocalStore store;

  @BeforeEach
  void openStore() {
    store = LocalStore.open(storeDir(), storeOptions());
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** Engine options of the store; tests override for value-log experiments. */
  protected Options storeOptions() {
    return new Options();
  }

  protected Path storeDir() {
    return dir.resolve("store");
  }

  /** Closes the store and opens it again on the same directory. */
  protected void reopen() {
    store.close();
    store = null;
    store = LocalStore.open(storeDir(), storeOptions());
  }

  // ---------------------------------------------------------------- bytes

  protected static byte[] k(String s) {
    return s.getBytes(UTF_8);
  }

  protected static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  /** A deterministic value of {@code length} bytes, different for each {@code seed}. */
  protected static byte[] value(int length, int seed) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (seed * 31 + i * 7);
    }
    return out;
  }

  protected static String show(byte[] b) {
    return b == null ? "null" : Bytes.toDebugString(b);
  }

  /** A current timestamp at which a lock taken at {@code startTs} with {@code ttl} has expired. */
  protected static long expiredAt(long startTs, long ttl) {
    return Timestamps.compose(Timestamps.physical(startTs) + ttl + 1, 0);
  }

  // ---------------------------------------------------------------- prewrite

  protected PrewriteRequest request(List<Mutation> ms, byte[] primary, long startTs, long ttl, boolean onePc) {
    return new PrewriteRequest(ms, primary, startTs, ttl, ms.size(), 0, onePc);
  }

  protected PrewriteResponse prewrite(List<Mutation> ms, byte[] primary, long startTs) {
    return store.prewrite(CTX, request(ms, primary, startTs, TTL, false));
  }

  protected void mustPrewrite(List<Mutation> ms, byte[] primary, long startTs, long ttl) {
    PrewriteResponse r = store.prewrite(CTX, request(ms, primary, startTs, ttl, false));
    assertTrue(r.ok(), () -> "prewrite at " + startTs + " failed: " + messages(r.errors()));
    assertEquals(0, r.onePcCommitTs(), "a two-phase prewrite has no commit ts");
  }

  protected void mustPrewrite(List<Mutation> ms, byte[] primary, long startTs) {
    mustPrewrite(ms, primary, startTs, TTL);
  }

  protected void mustPrewritePut(byte[] key, byte[] value, byte[] primary, long startTs) {
    mustPrewrite(List.of(Mutation.put(key, value)), primary, startTs);
  }

  protected void mustPrewritePut(String key, String value, String primary, long startTs) {
    mustPrewritePut(k(key), k(value), k(primary), startTs);
  }

  protected void mustPrewritePutTtl(String key, String value, String primary, long startTs, long ttl) {
    mustPrewrite(List.of(Mutation.put(k(key), k(value))), k(primary), startTs, ttl);
  }

  protected void mustPrewriteDelete(String key, String primary, long startTs) {
    mustPrewrite(List.of(Mutation.delete(k(key))), k(primary), startTs);
  }

  protected void mustPrewriteLock(String key, String primary, long startTs) {
    mustPrewrite(List.of(Mutation.lock(k(key))), k(primary), startTs);
  }

  protected void mustPrewriteInsert(String key, String value, String primary, long startTs) {
    mustPrewrite(List.of(Mutation.insert(k(key), k(value))), k(primary), startTs);
  }

  /** A prewrite that must fail; returns every error it reported. */
  protected List<KeyError> mustPrewriteErrs(List<Mutation> ms, byte[] primary, long startTs) {
    PrewriteResponse r = prewrite(ms, primary, startTs);
    assertTrue(!r.ok(), () -> "prewrite at " + startTs + " should have failed");
    return r.errors();
  }

  /** A single-mutation prewrite that must fail with exactly one error. */
  protected KeyError mustPrewriteErr(Mutation m, String primary, long startTs) {
    List<KeyError> errors = mustPrewriteErrs(List.of(m), k(primary), startTs);
    assertEquals(1, errors.size(), () -> messages(errors));
    return errors.get(0);
  }

  /** A one-phase commit that must succeed; returns its commit timestamp. */
  protected long mustOnePc(List<Mutation> ms, byte[] primary, long startTs) {
    PrewriteResponse r = store.prewrite(CTX, request(ms, primary, startTs, TTL, true));
    assertTrue(r.ok(), () -> "1PC at " + startTs + " failed: " + messages(r.errors()));
    assertTrue(r.onePcCommitTs() > startTs, () -> "1PC commit ts " + r.onePcCommitTs() + " <= start " + startTs);
    return r.onePcCommitTs();
  }

  // ---------------------------------------------------------------- commit, rollback, resolve

  protected void mustCommit(String key, long startTs, long commitTs) {
    mustCommit(k(key), startTs, commitTs);
  }

  protected void mustCommit(byte[] key, long startTs, long commitTs) {
    KeyError e = store.commit(CTX, List.of(key), startTs, commitTs);
    assertNull(e, () -> "commit of " + show(key) + " failed: " + e.message());
  }

  protected KeyError mustCommitErr(String key, long startTs, long commitTs) {
    KeyError e = store.commit(CTX, List.of(k(key)), startTs, commitTs);
    assertNotNull(e, () -> "commit of " + key + " at " + commitTs + " should have failed");
    return e;
  }

  protected void mustRollback(String key, long startTs) {
    KeyError e = store.batchRollback(CTX, List.of(k(key)), startTs);
    assertNull(e, () -> "rollback of " + key + " failed: " + e.message());
  }

  protected KeyError mustRollbackErr(String key, long startTs) {
    KeyError e = store.batchRollback(CTX, List.of(k(key)), startTs);
    assertNotNull(e, () -> "rollback of " + key + " at " + startTs + " should have failed");
    return e;
  }

  protected void mustResolveLock(long startTs, long commitTs, String... keys) {
    List<byte[]> ks = new ArrayList<>();
    for (String key : keys) {
      ks.add(k(key));
    }
    KeyError e = store.resolveLock(CTX, startTs, commitTs, ks);
    assertNull(e, () -> "resolve lock failed: " + e.message());
  }

  protected TxnStatus mustCheckTxnStatus(
      String primary, long lockTs, long callerStartTs, long currentTs, boolean rollbackIfNotExist) {
    CheckTxnStatusResponse r =
        store.checkTxnStatus(CTX, k(primary), lockTs, callerStartTs, currentTs, rollbackIfNotExist);
    assertNull(r.error(), () -> "check txn status failed: " + r.error().message());
    assertNotNull(r.status());
    return r.status();
  }

  protected KeyError mustCheckTxnStatusErr(
      String primary, long lockTs, long callerStartTs, long currentTs, boolean rollbackIfNotExist) {
    CheckTxnStatusResponse r =
        store.checkTxnStatus(CTX, k(primary), lockTs, callerStartTs, currentTs, rollbackIfNotExist);
    assertNotNull(r.error(), () -> "check txn status should have failed, got " + r.status());
    assertNull(r.status());
    return r.error();
  }

  // ---------------------------------------------------------------- reads

  protected void mustGet(String key, long ts, String expected) {
    mustGet(k(key), ts, expected == null ? null : k(expected));
  }

  protected void mustGet(byte[] key, long ts, byte[] expected) {
    GetResponse r = store.get(CTX, key, ts, Set.of());
    assertNull(r.error(), () -> "get of " + show(key) + " at " + ts + " failed: " + r.error().message());
    assertBytes(expected, r.value(), "get of " + show(key) + " at " + ts);
  }

  protected void mustGetNone(String key, long ts) {
    mustGet(key, ts, null);
  }

  /** A get that must be blocked by a lock; returns the lock it reported. */
  protected LockInfo mustGetLocked(String key, long ts) {
    GetResponse r = store.get(CTX, k(key), ts, Set.of());
    assertNull(r.value());
    return expectError(KeyError.KeyIsLocked.class, r.error()).lock();
  }

  protected ScanResponse scan(byte[] start, byte[] end, int limit, long ts, boolean reverse) {
    return store.scan(CTX, start, end, limit, ts, reverse, Set.of());
  }

  // ---------------------------------------------------------------- engine state

  /** The lock of {@code key}, which must belong to the transaction started at {@code startTs}. */
  protected Lock mustLocked(String key, long startTs) {
    Lock lock = withReader(r -> r.loadLock(k(key)));
    assertNotNull(lock, () -> key + " should be locked by " + startTs);
    assertEquals(startTs, lock.startTs(), () -> key + " locked by another transaction");
    return lock;
  }

  protected void mustUnlocked(String key) {
    Lock lock = withReader(r -> r.loadLock(k(key)));
    assertNull(lock, () -> key + " should be unlocked, is locked by " + (lock == null ? 0 : lock.startTs()));
  }

  /** The write record of {@code key} stored exactly at {@code commitTs}, which must be of {@code kind}. */
  protected Write mustWritten(String key, long commitTs, MutationKind kind) {
    return mustWritten(k(key), commitTs, kind);
  }

  protected Write mustWritten(byte[] key, long commitTs, MutationKind kind) {
    byte[] raw = store.db().get(MvccKeys.writeKey(key, commitTs));
    assertNotNull(raw, () -> "no write record of " + show(key) + " at " + commitTs);
    Write w = Write.decode(raw);
    assertEquals(kind, w.kind(), () -> "write record of " + show(key) + " at " + commitTs);
    return w;
  }

  /** The write record of {@code key} at {@code commitTs}: of {@code kind}, by the transaction started at {@code startTs}. */
  protected Write mustWritten(String key, long commitTs, long startTs, MutationKind kind) {
    Write w = mustWritten(key, commitTs, kind);
    assertEquals(startTs, w.startTs(), () -> "start ts of the write record of " + key + " at " + commitTs);
    return w;
  }

  protected void mustNotWritten(String key, long commitTs) {
    assertNull(store.db().get(MvccKeys.writeKey(k(key), commitTs)), () -> key + " has a write record at " + commitTs);
  }

  /** A ROLLBACK record of the transaction started at {@code startTs} (stored at its start ts). */
  protected void mustRolledBack(String key, long startTs) {
    mustWritten(key, startTs, startTs, MutationKind.ROLLBACK);
  }

  /** The data-space entry of {@code key} at {@code startTs} must be {@code expected} (null: absent). */
  protected void mustData(String key, long startTs, byte[] expected) {
    assertBytes(expected, store.db().get(MvccKeys.dataKey(k(key), startTs)), "data of " + key + " at " + startTs);
  }

  /** Every write record of {@code key}, newest first. */
  protected List<CommittedWrite> writesOf(byte[] key) {
    return versionsOf(MvccKeys.WRITE, key, (ts, v) -> new CommittedWrite(ts, Write.decode(v)));
  }

  protected List<CommittedWrite> writesOf(String key) {
    return writesOf(k(key));
  }

  /** The start timestamps of every data entry of {@code key}, newest first. */
  protected List<Long> dataOf(byte[] key) {
    return versionsOf(MvccKeys.DATA, key, (ts, v) -> ts);
  }

  protected List<Long> dataOf(String key) {
    return dataOf(k(key));
  }

  /** The number of engine keys in {@code space} ('l', 'w', 'd'). */
  protected int countSpace(byte space) {
    ReadOptions ro =
        new ReadOptions().setLowerBound(new byte[] {space}).setUpperBound(new byte[] {(byte) (space + 1)});
    int n = 0;
    try (DbIterator it = store.db().newIterator(ro)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        n++;
      }
    }
    return n;
  }

  private interface VersionMapper<T> {
    T map(long ts, byte[] value);
  }

  private <T> List<T> versionsOf(byte space, byte[] key, VersionMapper<T> mapper) {
    byte[] prefix = MvccKeys.keyPrefix(space, key);
    byte[] upper = prefix.clone();
    upper[upper.length - 1]++;
    List<T> out = new ArrayList<>();
    try (DbIterator it = store.db().newIterator(new ReadOptions().setLowerBound(prefix).setUpperBound(upper))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        assertTrue(MvccKeys.isVersionOf(it.key(), prefix), () -> "stray engine key " + show(it.key()));
        out.add(mapper.map(MvccKeys.timestampOf(it.key()), it.value()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- actions directly

  protected <T> T withReader(Function<MvccReader, T> f) {
    try (MvccReader r = new MvccReader(store.db())) {
      return f.apply(r);
    }
  }

  /** Runs action code against the store's engine and applies what it wrote as one batch. */
  protected void act(BiConsumer<MvccReader, MvccWrites> action) {
    MvccWrites writes = new MvccWrites();
    try (MvccReader r = new MvccReader(store.db())) {
      action.accept(r, writes);
    }
    if (!writes.isEmpty()) {
      store.db().write(writes.batch());
    }
  }

  // ---------------------------------------------------------------- errors

  /** Asserts that {@code error} is a {@code type} and returns it, for checking its fields. */
  protected static <T extends KeyError> T expectError(Class<T> type, KeyError error) {
    assertNotNull(error, () -> "expected " + type.getSimpleName() + ", got no error");
    return assertInstanceOf(type, error, () -> "expected " + type.getSimpleName() + ", got " + error.message());
  }

  protected static String messages(List<KeyError> errors) {
    List<String> out = new ArrayList<>();
    for (KeyError e : errors) {
      out.add(e.getClass().getSimpleName() + ": " + e.message());
    }
    return out.toString();
  }

  protected static List<String> keysOf(List<KvPair> pairs) {
    List<String> out = new ArrayList<>();
    for (KvPair p : pairs) {
      out.add(new String(p.key(), UTF_8));
    }
    return out;
  }

  protected static void assertBytes(byte[] expected, byte[] actual, String what) {
    if (!Arrays.equals(expected, actual)) {
      fail(what + ": expected " + show(expected) + lengthOf(expected) + " but was " + show(actual) + lengthOf(actual));
    }
  }

  private static String lengthOf(byte[] b) {
    return b == null ? "" : " (" + b.length + " bytes)";
  }
}
