package io.nokv.txn;

import io.nokv.txn.mvcc.Timestamps;
import io.nokv.txn.rpc.GcResponse;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Region;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances the GC safe point and removes the versions below it (as TiKV's GC worker does): the
 * safe point trails the clock by {@link TxnClientOptions#gcLifetimeMillis()} and never passes the
 * oldest transaction still open in this client; locks older than it are resolved first (their
 * transactions are past their lifetime), then every region drops its old versions and the value
 * log reclaims their space.
 */
public final class GcWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GcWorker.class);

  /** What one round did. */
  public record Round(long safePoint, int locksResolved, long versionsRemoved, int valueLogSegmentsReclaimed) {}

  private final TxnClient client;
  private ScheduledExecutorService scheduler;

  GcWorker(TxnClient client) {
    this.client = client;
  }

  /** Runs one round now. */
  public synchronized Round runOnce() {
    long now = client.currentTimestamp();
    long byLifetime =
        Timestamps.compose(
            Math.max(0, Timestamps.physical(now) - client.options().gcLifetimeMillis()), 0);
    long oldest = client.oldestLiveStartTs();
    long target = Math.min(byLifetime, oldest == Long.MAX_VALUE ? Long.MAX_VALUE : oldest - 1);
    long safePoint = client.pd().updateGcSafePoint(target);
    int resolved = resolveOldLocks(safePoint);
    long removed = 0;
    int reclaimed = 0;
    Region region = client.pd().locate(new byte[0]);
    while (true) {
      Region r = region;
      GcResponse resp = client.regions().call(r.startKey(), x -> client.rpc().gc(x.context(), safePoint));
      removed += resp.versionsRemoved();
      reclaimed += resp.valueLogSegmentsReclaimed();
      if (r.endKey().length == 0) {
        break;
      }
      region = client.pd().locate(r.endKey());
    }
    return new Round(safePoint, resolved, removed, reclaimed);
  }

  /** Runs a round every {@code intervalMillis} in a background thread until closed. */
  public synchronized void start(long intervalMillis) {
    if (scheduler != null) {
      throw new IllegalStateException("already started");
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nokv-gc");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            Round round = runOnce();
            LOG.debug("GC round: {}", round);
          } catch (RuntimeException e) {
            LOG.warn("GC round failed; retrying at the next interval", e);
          }
        },
        intervalMillis,
        intervalMillis,
        TimeUnit.MILLISECONDS);
  }

  private int resolveOldLocks(long safePoint) {
    int resolved = 0;
    Region region = client.pd().locate(new byte[0]);
    while (true) {
      Region r = region;
      byte[] from = null;
      while (true) {
        byte[] start = from;
        List<LockInfo> locks =
            client.regions().call(r.startKey(), x -> client.rpc().scanLock(x.context(), safePoint, start, null, 1024));
        if (locks.isEmpty()) {
          break;
        }
        // Transactions older than the safe point are past their lifetime: judge them as expired.
        Set<Long> unused = new HashSet<>();
        for (LockInfo l : locks) {
          LockInfo expired =
              new LockInfo(l.key(), l.primary(), l.startTs(), 0, l.kind(), l.minCommitTs(), l.txnSize());
          if (client.resolver().resolve(List.of(expired), 0, unused) == 0) {
            resolved++;
          }
        }
        byte[] last = locks.get(locks.size() - 1).key();
        from = java.util.Arrays.copyOf(last, last.length + 1);
      }
      if (r.endKey().length == 0) {
        break;
      }
      region = client.pd().locate(r.endKey());
    }
    return resolved;
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }
}
