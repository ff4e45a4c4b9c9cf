package io.nokv.txn.client;

import io.nokv.txn.mvcc.Timestamps;
import io.nokv.txn.rpc.CheckTxnStatusResponse;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KvRpc;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.TxnStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clears the locks that block a reader or a writer (client-go's lock resolver): ask the lock's
 * primary what became of its transaction, then commit or roll back the lock to match. A live
 * transaction is left alone; a reader pushes its min_commit_ts instead of waiting and may then
 * read past all of its locks.
 */
public final class LockResolver {
  /** Outcomes of finished transactions, by start timestamp (commit timestamp, or 0 for rolled back). */
  private static final int MAX_CACHED = 65_536;

  private final Map<Long, Long> finished = new ConcurrentHashMap<>();

  private final KvRpc rpc;
  private final RegionRequests regions;
  private final TsoClient tso;

  public LockResolver(KvRpc rpc, RegionRequests regions, TsoClient tso) {
    this.rpc = rpc;
    this.regions = regions;
    this.tso = tso;
  }

  /**
   * Tries to clear {@code locks}.
   *
   * @param callerStartTs the reader's timestamp (its reads must not wait on transactions that will
   *     commit above it); 0 for a writer, which never pushes
   * @param bypass receives the start timestamps of live transactions this reader may now ignore
   * @return 0 when every lock is gone or bypassed (retry now); otherwise the milliseconds until
   *     the soonest remaining lock's TTL runs out (back off, then retry)
   */
  public long resolve(List<LockInfo> locks, long callerStartTs, Set<Long> bypass) {
    long wait = 0;
    long now = 0;
    for (LockInfo lock : locks) {
      if (bypass.contains(lock.startTs())) {
        continue;
      }
      Long outcome = finished.get(lock.startTs());
      if (outcome == null) {
        if (now == 0) {
          now = tso.next();
        }
        TxnStatus status = checkStatus(lock, callerStartTs, now);
        if (status == null) {
          // The primary has neither lock nor record and its TTL has not run out: its prewrite may
          // still be on the way. Wait for the TTL.
          wait = minPositive(wait, remainingTtl(lock, now));
          continue;
        }
        switch (status) {
          case TxnStatus.Committed c -> outcome = c.commitTs();
          case TxnStatus.RolledBack r -> outcome = 0L;
          case TxnStatus.Locked l -> {
            if (callerStartTs > 0 && l.lock().minCommitTs() > callerStartTs) {
              bypass.add(lock.startTs()); // it will commit above us: read past it
            } else {
              wait = minPositive(wait, remainingTtl(l.lock(), now));
            }
          }
        }
        if (outcome == null) {
          continue;
        }
        if (finished.size() >= MAX_CACHED) {
          finished.clear(); // an optimisation only: keep it bounded
        }
        finished.put(lock.startTs(), outcome);
      }
      long commitTs = outcome;
      KeyError err =
          regions.call(lock.key(), r -> rpc.resolveLock(r.context(), lock.startTs(), commitTs, List.of(lock.key())));
      if (err != null) {
        throw new IllegalStateException("resolving a lock failed: " + err.message());
      }
    }
    return wait;
  }

  private TxnStatus checkStatus(LockInfo lock, long callerStartTs, long now) {
    boolean expired = Timestamps.physical(now) >= Timestamps.physical(lock.startTs()) + lock.ttlMillis();
    CheckTxnStatusResponse resp =
        regions.call(
            lock.primary(),
            r -> rpc.checkTxnStatus(r.context(), lock.primary(), lock.startTs(), callerStartTs, now, expired));
    if (resp.error() != null) {
      if (resp.error() instanceof KeyError.TxnNotFound) {
        return null;
      }
      throw new IllegalStateException("checking a transaction's status failed: " + resp.error().message());
    }
    return resp.status();
  }

  private static long remainingTtl(LockInfo lock, long now) {
    long expiresAt = Timestamps.physical(lock.startTs()) + lock.ttlMillis();
    return Math.max(1, expiresAt - Timestamps.physical(now));
  }

  private static long minPositive(long a, long b) {
    return a == 0 ? b : Math.min(a, b);
  }
}
