package io.nokv.txn;

import io.nokv.txn.client.Backoff;
import io.nokv.txn.client.LockResolver;
import io.nokv.txn.client.RegionCache;
import io.nokv.txn.client.RegionRequests;
import io.nokv.txn.client.SnapshotReader;
import io.nokv.txn.client.TsoClient;
import io.nokv.txn.client.TwoPhaseCommitter;
import io.nokv.txn.rpc.KvRpc;
import io.nokv.txn.rpc.PdClient;
import io.nokv.txn.store.LocalStore;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entry point to NoKV's transactions: begins {@link Txn}s, runs them with retries, reads at a
 * timestamp, and gives the raw (non-transactional) client and the GC worker. It talks to the
 * stores through {@link KvRpc} and to the placement driver through {@link PdClient}; whether they
 * are in this process or across the network does not change this API.
 *
 * <pre>{@code
 * try (TxnClient client = TxnClient.open(Path.of("data"))) {
 *   client.run(txn -> {
 *     long from = Long.parseLong(new String(txn.get(a)));
 *     txn.put(a, Long.toString(from - 10).getBytes());
 *     txn.put(b, ...);
 *     return null;
 *   });
 * }
 * }</pre>
 *
 * Thread-safe; share one per process.
 */
public final class TxnClient implements AutoCloseable {
  private final KvRpc rpc;
  private final PdClient pd;
  private final AutoCloseable owned;
  private final TxnClientOptions options;
  private final TsoClient tso;
  private final RegionRequests regions;
  private final LockResolver resolver;
  private final TwoPhaseCommitter committer;
  private final ExecutorService executor;
  private final RawKvClient raw;
  /** Start timestamps of transactions begun here and not yet finished, for the GC safe point. */
  private final ConcurrentSkipListMap<Long, AtomicInteger> live = new ConcurrentSkipListMap<>();

  private TxnClient(KvRpc rpc, PdClient pd, AutoCloseable owned, TxnClientOptions options) {
    this.rpc = rpc;
    this.pd = pd;
    this.owned = owned;
    this.options = options;
    this.tso = new TsoClient(pd);
    this.regions = new RegionRequests(new RegionCache(pd));
    this.resolver = new LockResolver(rpc, regions, tso);
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "nokv-txn-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.committer =
        new TwoPhaseCommitter(
            rpc,
            regions,
            resolver,
            tso,
            executor,
            new TwoPhaseCommitter.Settings(
                options.lockTtlMillis(), options.lockWaitMillis(), options.onePcMaxKeys(), options.onePcMaxBytes()));
    this.raw = new RawKvClient(rpc, regions);
  }

  /** A client over the given stores and placement driver; closing it leaves them open. */
  public static TxnClient connect(KvRpc rpc, PdClient pd, TxnClientOptions options) {
    return new TxnClient(rpc, pd, null, options);
  }

  /** A client over an in-process store; closing it leaves the store open. */
  public static TxnClient connect(LocalStore store, TxnClientOptions options) {
    return new TxnClient(store, store, null, options);
  }

  /** Opens (or creates) an in-process store in {@code dir} and a client over it; closing the client closes the store. */
  public static TxnClient open(Path dir) {
    return open(dir, new TxnClientOptions());
  }

  public static TxnClient open(Path dir, TxnClientOptions options) {
    LocalStore store = LocalStore.open(dir);
    return new TxnClient(store, store, store, options);
  }

  /** Begins a transaction at a fresh start timestamp. */
  public Txn begin() {
    long startTs = tso.next();
    live.computeIfAbsent(startTs, k -> new AtomicInteger()).incrementAndGet();
    return new Txn(this, startTs, snapshotAt(startTs));
  }

  /**
   * Runs {@code body} in a transaction and commits it; when the commit fails with a retryable
   * {@link TxnException} (a write conflict, most often), runs it again in a new transaction, up to
   * {@link TxnClientOptions#maxRetries()} times. The body must not have effects outside the
   * transaction that cannot be repeated. If the body commits or rolls back the transaction
   * itself, {@code run} leaves it at that.
   */
  public <T> T run(TxnFunction<T> body) {
    Backoff backoff = null;
    for (int attempt = 0; ; attempt++) {
      try (Txn txn = begin()) {
        T result = body.apply(txn);
        if (txn.isActive()) {
          txn.commit();
        }
        return result;
      } catch (TxnException e) {
        if (!e.isRetryable() || attempt >= options.maxRetries()) {
          throw e;
        }
        if (backoff == null) {
          backoff = new Backoff(1, 100, Long.MAX_VALUE);
        }
        backoff.pause(0);
      }
    }
  }

  /**
   * A read-only view of the data committed at or before {@code ts}. Unlike a transaction it does
   * not hold the GC safe point back: use a timestamp younger than the GC lifetime.
   */
  public SnapshotReader snapshotAt(long ts) {
    return new SnapshotReader(rpc, regions, resolver, ts, options.lockWaitMillis());
  }

  /** A fresh timestamp from the oracle. */
  public long currentTimestamp() {
    return tso.next();
  }

  public RawKvClient raw() {
    return raw;
  }

  /** A GC worker over this client's stores; see {@link GcWorker}. */
  public GcWorker newGcWorker() {
    return new GcWorker(this);
  }

  public TxnClientOptions options() {
    return options;
  }

  /** The start timestamp of the oldest transaction begun here and still open, or {@code Long.MAX_VALUE}. */
  public long oldestLiveStartTs() {
    var first = live.firstEntry();
    return first == null ? Long.MAX_VALUE : first.getKey();
  }

  KvRpc rpc() {
    return rpc;
  }

  PdClient pd() {
    return pd;
  }

  RegionRequests regions() {
    return regions;
  }

  LockResolver resolver() {
    return resolver;
  }

  TwoPhaseCommitter committer() {
    return committer;
  }

  void finished(Txn txn) {
    live.computeIfPresent(txn.startTs(), (k, c) -> c.decrementAndGet() == 0 ? null : c);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      // Let background secondary commits finish: they are part of committed transactions.
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (owned != null) {
      try {
        owned.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("closing the store failed", e);
      }
    }
  }
}
