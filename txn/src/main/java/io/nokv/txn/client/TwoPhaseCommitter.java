package io.nokv.txn.client;

import io.nokv.txn.CommitUndeterminedException;
import io.nokv.txn.KeyExistsException;
import io.nokv.txn.LockWaitTimeoutException;
import io.nokv.txn.TxnAbortedException;
import io.nokv.txn.TxnException;
import io.nokv.txn.WriteConflictException;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KvRpc;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.PrewriteRequest;
import io.nokv.txn.rpc.PrewriteResponse;
import io.nokv.txn.rpc.Region;
import io.nokv.txn.rpc.RegionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one transaction's mutations (client-go's 2PC): prewrite every key, grouped by region
 * and in parallel; take a commit timestamp; commit the primary, which is the commit point; commit
 * the secondaries in the background (a reader that meets one of their locks finds the primary
 * committed and resolves it). When every key lies in one region, the prewrite commits in one phase.
 */
public final class TwoPhaseCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(TwoPhaseCommitter.class);

  /** Tunables of the commit protocol. */
  public record Settings(long lockTtlMillis, long lockWaitMillis, int onePcMaxKeys, long onePcMaxBytes) {}

  private final KvRpc rpc;
  private final RegionRequests regions;
  private final LockResolver resolver;
  private final TsoClient tso;
  private final ExecutorService executor;
  private final Settings settings;
  /** Test hook: runs after the primary commits, before the secondaries; throwing simulates a client crash there. */
  private volatile Runnable afterPrimaryCommit = () -> {};
  /** Test hook: runs after every prewrite succeeded, before the commit timestamp is taken. */
  private volatile Runnable afterPrewrite = () -> {};

  public TwoPhaseCommitter(
      KvRpc rpc, RegionRequests regions, LockResolver resolver, TsoClient tso, ExecutorService executor, Settings settings) {
    this.rpc = rpc;
    this.regions = regions;
    this.resolver = resolver;
    this.tso = tso;
    this.executor = executor;
    this.settings = settings;
  }

  public void setHooks(Runnable afterPrewrite, Runnable afterPrimaryCommit) {
    this.afterPrewrite = afterPrewrite;
    this.afterPrimaryCommit = afterPrimaryCommit;
  }

  /**
   * Commits {@code mutations} (sorted by key, at least one) of the transaction started at
   * {@code startTs}; returns the commit timestamp.
   */
  public long commit(List<Mutation> mutations, long startTs) {
    byte[] primary = mutations.get(0).key();
    long bytes = 0;
    List<byte[]> keys = new ArrayList<>(mutations.size());
    for (Mutation m : mutations) {
      keys.add(m.key());
      bytes += m.key().length + (m.value() == null ? 0 : m.value().length);
    }
    long ttl = lockTtl(bytes);
    Map<Region, List<byte[]>> groups = regions.cache().groupByRegion(keys);
    if (groups.size() == 1 && mutations.size() <= settings.onePcMaxKeys() && bytes <= settings.onePcMaxBytes()) {
      long commitTs = prewrite(mutations, primary, startTs, ttl, mutations.size(), true);
      if (commitTs > 0) {
        return commitTs;
      }
      // The region split under us: the store prewrote in two phases instead. Go on with 2PC.
    } else {
      prewriteAll(mutations, groups, primary, startTs, ttl);
    }
    afterPrewrite.run();
    long commitTs = commitPrimary(primary, startTs, keys);
    afterPrimaryCommit.run();
    List<byte[]> secondaries = keys.subList(1, keys.size());
    if (!secondaries.isEmpty()) {
      CompletableFuture.runAsync(() -> commitSecondaries(secondaries, startTs, commitTs), executor);
    }
    return commitTs;
  }

  /** Rolls back keys a failed commit may have prewritten (primary first, so that resolvers see it at once). */
  public void rollback(List<byte[]> keys, long startTs) {
    try {
      regions.callBatches(keys, (r, ks) -> rpc.batchRollback(r.context(), ks, startTs));
    } catch (RuntimeException e) {
      // Locks left behind expire with their TTL and are rolled back by whoever meets them.
      LOG.warn("rolling back the transaction started at {} failed; its locks expire with their TTL: {}", startTs, e.toString());
    }
  }

  private void prewriteAll(
      List<Mutation> mutations, Map<Region, List<byte[]>> groups, byte[] primary, long startTs, long ttl) {
    Map<byte[], Mutation> byKey = new java.util.IdentityHashMap<>();
    for (Mutation m : mutations) {
      byKey.put(m.key(), m);
    }
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (List<byte[]> groupKeys : groups.values()) {
      List<Mutation> batch = new ArrayList<>(groupKeys.size());
      for (byte[] k : groupKeys) {
        batch.add(byKey.get(k));
      }
      if (groups.size() == 1) {
        prewrite(batch, primary, startTs, ttl, mutations.size(), false);
      } else {
        futures.add(
            CompletableFuture.runAsync(() -> prewrite(batch, primary, startTs, ttl, mutations.size(), false), executor));
      }
    }
    TxnException failure = null;
    RuntimeException other = null;
    for (CompletableFuture<Void> f : futures) {
      try {
        f.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof TxnException te) {
          failure = failure == null ? te : failure;
        } else if (e.getCause() instanceof RuntimeException re) {
          other = other == null ? re : other;
        } else {
          other = other == null ? e : other;
        }
      }
    }
    if (failure != null || other != null) {
      List<byte[]> all = new ArrayList<>(mutations.size());
      for (Mutation m : mutations) {
        all.add(m.key());
      }
      rollback(all, startTs);
      throw failure != null ? failure : other;
    }
  }

  /**
   * Prewrites one region's batch, resolving the locks in its way; returns the one-phase commit
   * timestamp when the store committed in one phase, else 0.
   */
  private long prewrite(List<Mutation> batch, byte[] primary, long startTs, long ttl, long txnSize, boolean onePc) {
    Backoff backoff = null;
    Set<Long> noBypass = new HashSet<>();
    while (true) {
      List<byte[]> keys = new ArrayList<>(batch.size());
      for (Mutation m : batch) {
        keys.add(m.key());
      }
      PrewriteResponse resp =
          regions.call(
              keys.get(0),
              r -> {
                if (!r.contains(keys.get(0)) || !r.contains(keys.get(keys.size() - 1))) {
                  throw new RegionException.KeyNotInRegion(r.id(), keys.get(0));
                }
                return rpc.prewrite(
                    r.context(), new PrewriteRequest(batch, primary, startTs, ttl, txnSize, startTs + 1, onePc));
              });
      if (resp.ok()) {
        return resp.onePcCommitTs();
      }
      List<LockInfo> locks = new ArrayList<>();
      for (KeyError e : resp.errors()) {
        switch (e) {
          case KeyError.KeyIsLocked l -> locks.add(l.lock());
          case KeyError.WriteConflict c -> throw new WriteConflictException(c.key(), startTs, c.conflictCommitTs());
          case KeyError.AlreadyExists a -> throw new KeyExistsException(a.key());
          case KeyError.TxnAborted a -> throw new TxnAbortedException(startTs, "rolled back before its prewrite arrived");
          default -> throw new IllegalStateException("unexpected prewrite error: " + e.message());
        }
      }
      long wait = resolver.resolve(locks, 0, noBypass);
      if (wait == 0) {
        continue;
      }
      if (backoff == null) {
        backoff = new Backoff(2, 200, settings.lockWaitMillis());
      }
      if (!backoff.pause(wait)) {
        LockInfo first = locks.get(0);
        throw new LockWaitTimeoutException(first.key(), first.startTs(), backoff.elapsedMillis());
      }
    }
  }

  private long commitPrimary(byte[] primary, long startTs, List<byte[]> keys) {
    long commitTs = tso.next();
    while (true) {
      KeyError err;
      try {
        long ts = commitTs;
        err = regions.call(primary, r -> rpc.commit(r.context(), List.of(primary), startTs, ts));
      } catch (RuntimeException e) {
        // The primary's commit is the commit point; after an unknown failure we cannot say.
        throw new CommitUndeterminedException(startTs, e);
      }
      if (err == null) {
        return commitTs;
      }
      switch (err) {
        case KeyError.CommitTsExpired x -> {
          // A reader pushed min_commit_ts above our timestamp: take one above it.
          while (commitTs < x.minCommitTs()) {
            commitTs = tso.next();
          }
        }
        case KeyError.TxnAborted a -> {
          rollback(keys.subList(1, keys.size()), startTs);
          throw new TxnAbortedException(startTs, "its locks expired and were rolled back before the commit");
        }
        case KeyError.TxnLockNotFound n -> {
          rollback(keys, startTs);
          throw new TxnAbortedException(startTs, "its primary lock is gone");
        }
        default -> throw new CommitUndeterminedException(startTs, new IllegalStateException(err.message()));
      }
    }
  }

  private void commitSecondaries(List<byte[]> keys, long startTs, long commitTs) {
    try {
      regions.callBatches(
          keys,
          (r, ks) -> {
            KeyError err = rpc.commit(r.context(), ks, startTs, commitTs);
            if (err != null) {
              LOG.debug("committing secondaries of {} in region {}: {}", startTs, r.id(), err.message());
            }
            return err;
          });
    } catch (RuntimeException e) {
      // The transaction is committed (its primary is); readers resolve these locks.
      LOG.warn("committing the secondaries of the transaction started at {} failed; readers will resolve them: {}", startTs, e.toString());
    }
  }

  private long lockTtl(long bytes) {
    // Larger transactions take longer to prewrite: give their locks more time (as TiKV does).
    long mib = bytes >> 20;
    return Math.min(120_000, Math.max(settings.lockTtlMillis(), settings.lockTtlMillis() + mib * 6_000));
  }
}
