package io.nokv.txn;

import io.nokv.kv.format.Bytes;
import io.nokv.txn.client.SnapshotReader;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.rpc.KvPair;
import io.nokv.txn.rpc.Mutation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * One snapshot-isolation transaction. Reads see the data committed before {@link #startTs()} plus
 * this transaction's own writes; writes are buffered here and sent at {@link #commit()}, where
 * first committer wins: if another transaction committed one of the written (or locked) keys
 * after this one started, the commit fails with {@link WriteConflictException} and nothing is
 * written.
 *
 * <p>Not thread-safe: one thread at a time. Close it (try-with-resources) to roll back a
 * transaction that was not committed.
 */
public final class Txn implements AutoCloseable {
  private enum State {
    ACTIVE,
    COMMITTED,
    ROLLED_BACK,
    UNDETERMINED
  }

  private final TxnClient client;
  private final long startTs;
  private final SnapshotReader snapshot;
  private final TreeMap<byte[], Mutation> buffer = new TreeMap<>(Bytes.COMPARATOR);
  private State state = State.ACTIVE;
  private long commitTs;

  Txn(TxnClient client, long startTs, SnapshotReader snapshot) {
    this.client = client;
    this.startTs = startTs;
    this.snapshot = snapshot;
  }

  public long startTs() {
    return startTs;
  }

  /** The commit timestamp once {@link #commit()} returned (the start timestamp for a read-only transaction). */
  public long commitTs() {
    if (state != State.COMMITTED) {
      throw new IllegalStateException("the transaction is " + state.name().toLowerCase() + ", not committed");
    }
    return commitTs;
  }

  /** The value of {@code key}: this transaction's own write if any, else the one committed before it started. */
  public byte[] get(byte[] key) {
    checkActive();
    TxnLimits.checkKey(key);
    Mutation m = buffer.get(key);
    if (m != null && m.kind() != MutationKind.LOCK) {
      return m.kind() == MutationKind.PUT ? m.value().clone() : null;
    }
    return snapshot.get(key);
  }

  /** Up to {@code limit} pairs with keys in {@code [start, end)} in ascending order; null bounds are open. */
  public List<KvPair> scan(byte[] start, byte[] end, int limit) {
    return collect(iterator(start, end, false), limit);
  }

  /** Up to {@code limit} pairs with keys in {@code [start, end)} in descending order; null bounds are open. */
  public List<KvPair> reverseScan(byte[] start, byte[] end, int limit) {
    return collect(iterator(start, end, true), limit);
  }

  /**
   * Streams the pairs in {@code [start, end)}, merging this transaction's writes with the snapshot
   * and fetching from the store in batches as it advances. Do not write to the transaction while
   * iterating.
   */
  public Iterator<KvPair> iterator(byte[] start, byte[] end, boolean reverse) {
    checkActive();
    NavigableMap<byte[], Mutation> range = buffer;
    if (start != null && end != null) {
      range = Bytes.compare(start, end) < 0 ? buffer.subMap(start, true, end, false) : new TreeMap<>(Bytes.COMPARATOR);
    } else if (start != null) {
      range = buffer.tailMap(start, true);
    } else if (end != null) {
      range = buffer.headMap(end, false);
    }
    Iterator<Map.Entry<byte[], Mutation>> mine =
        (reverse ? range.descendingMap() : range).entrySet().iterator();
    Iterator<KvPair> stored = snapshot.scan(start, end, reverse, client.options().scanBatchSize());
    return new MergingIterator(mine, stored, reverse);
  }

  public void put(byte[] key, byte[] value) {
    checkActive();
    TxnLimits.checkKey(key);
    TxnLimits.checkValue(value);
    Mutation prev = buffer.get(key);
    boolean assertNotExist = prev != null && prev.assertNotExist();
    buffer.put(key.clone(), new Mutation(MutationKind.PUT, key.clone(), value.clone(), assertNotExist));
  }

  /**
   * Writes {@code key} only if it does not exist. A key this transaction wrote fails at once; one
   * committed by others fails at {@link #commit()} with {@link KeyExistsException}.
   */
  public void insert(byte[] key, byte[] value) {
    checkActive();
    TxnLimits.checkKey(key);
    TxnLimits.checkValue(value);
    Mutation prev = buffer.get(key);
    if (prev != null && prev.kind() == MutationKind.PUT) {
      throw new KeyExistsException(key);
    }
    boolean deletedHere = prev != null && prev.kind() == MutationKind.DELETE;
    buffer.put(key.clone(), new Mutation(MutationKind.PUT, key.clone(), value.clone(), !deletedHere));
  }

  public void delete(byte[] key) {
    checkActive();
    TxnLimits.checkKey(key);
    buffer.put(key.clone(), Mutation.delete(key.clone()));
  }

  /**
   * Takes the keys into the transaction's write set without changing them (SELECT ... FOR UPDATE):
   * a transaction that writes one of them and commits after this one started makes this one's
   * commit fail, and the other way round, so decisions based on reading them stay valid.
   */
  public void lockKeys(byte[]... keys) {
    checkActive();
    for (byte[] k : keys) {
      TxnLimits.checkKey(k);
    }
    for (byte[] k : keys) {
      buffer.putIfAbsent(k.clone(), Mutation.lock(k.clone()));
    }
  }

  /** The number of keys written or locked so far. */
  public int size() {
    return buffer.size();
  }

  /** True until the transaction is committed or rolled back. */
  public boolean isActive() {
    return state == State.ACTIVE;
  }

  public boolean isReadOnly() {
    return buffer.isEmpty();
  }

  /**
   * Commits the buffered writes atomically and durably; returns the commit timestamp.
   *
   * @throws WriteConflictException another transaction committed a written or locked key first (retry)
   * @throws KeyExistsException an {@link #insert} found its key
   * @throws TxnAbortedException the transaction was rolled back meanwhile (retry)
   * @throws LockWaitTimeoutException other transactions' locks stayed in the way (retry)
   * @throws CommitUndeterminedException the outcome is unknown
   */
  public long commit() {
    checkActive();
    if (buffer.isEmpty()) {
      state = State.COMMITTED;
      commitTs = startTs;
      client.finished(this);
      return commitTs;
    }
    try {
      commitTs = client.committer().commit(new ArrayList<>(buffer.values()), startTs);
      state = State.COMMITTED;
      return commitTs;
    } catch (CommitUndeterminedException e) {
      state = State.UNDETERMINED;
      throw e;
    } catch (RuntimeException e) {
      state = State.ROLLED_BACK;
      throw e;
    } finally {
      buffer.clear();
      client.finished(this);
    }
  }

  /** Discards the buffered writes. Nothing was sent to the stores before commit, so nothing is left behind. */
  public void rollback() {
    if (state == State.ACTIVE) {
      state = State.ROLLED_BACK;
      buffer.clear();
      client.finished(this);
    }
  }

  @Override
  public void close() {
    rollback();
  }

  private void checkActive() {
    if (state != State.ACTIVE) {
      throw new IllegalStateException("the transaction is " + state.name().toLowerCase() + "; begin a new one");
    }
  }

  private static List<KvPair> collect(Iterator<KvPair> it, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    List<KvPair> out = new ArrayList<>(Math.min(limit, 1024));
    while (out.size() < limit && it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }

  /** Merges the transaction's buffered writes over the snapshot's pairs; buffered writes win. */
  private static final class MergingIterator implements Iterator<KvPair> {
    private final Iterator<Map.Entry<byte[], Mutation>> mine;
    private final Iterator<KvPair> stored;
    private final int direction;
    private Map.Entry<byte[], Mutation> m;
    private KvPair s;
    private KvPair next;

    MergingIterator(Iterator<Map.Entry<byte[], Mutation>> mine, Iterator<KvPair> stored, boolean reverse) {
      this.mine = mine;
      this.stored = stored;
      this.direction = reverse ? -1 : 1;
      this.m = mine.hasNext() ? mine.next() : null;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (s == null && stored.hasNext()) {
          s = stored.next();
        }
        if (m == null && s == null) {
          return false;
        }
        int cmp;
        if (m == null) {
          cmp = 1;
        } else if (s == null) {
          cmp = -1;
        } else {
          cmp = direction * Bytes.compare(m.getKey(), s.key());
        }
        if (cmp > 0) {
          next = s;
          s = null;
          continue;
        }
        Mutation mut = m.getValue();
        m = mine.hasNext() ? mine.next() : null;
        KvPair shadowed = null;
        if (cmp == 0) {
          shadowed = s;
          s = null;
        }
        switch (mut.kind()) {
          case PUT -> next = new KvPair(mut.key().clone(), mut.value().clone());
          case LOCK -> next = shadowed; // locking changes nothing: the stored value shows through
          default -> {} // DELETE hides the stored pair
        }
      }
      return true;
    }

    @Override
    public KvPair next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      KvPair out = next;
      next = null;
      return out;
    }
  }
}
