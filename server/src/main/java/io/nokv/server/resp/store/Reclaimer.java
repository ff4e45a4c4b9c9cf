package io.nokv.server.resp.store;

import io.nokv.server.resp.RespStats;
import io.nokv.txn.Txn;
import io.nokv.txn.TxnClient;
import io.nokv.txn.TxnException;
import io.nokv.txn.rpc.KvPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RESP gateway's background garbage collector: a daemon thread that, every interval, runs a
 * round of two passes over the transactional store.
 *
 * <ol>
 *   <li><b>Expired keys.</b> It walks the expiry index ({@link RespKeys#expiryStart()} to {@link
 *       RespKeys#expiryEndAt} now) and, for each entry, in a transaction, reads the key's stored
 *       metadata: if it still has that expiry (and so has expired), the key is deleted through
 *       {@link Keyspace#delete}, which removes the index entry and queues a collection's members;
 *       otherwise the entry is stale and only it is deleted. Reads never depend on this pass:
 *       expiry is exact on read; this only frees the space.
 *   <li><b>Reclaim queue.</b> For each queued (version, key, type), it deletes the member keys of
 *       every member space of the type under that version, at most {@value #DELETE_BUDGET} deletes
 *       per transaction, then the queue entry. In the same transaction it locks the key's metadata
 *       and checks that the live key does not use that version (a writer of the key then
 *       conflicts with the reclaimer instead of racing it); if it does, only the entry is dropped.
 * </ol>
 *
 * <p>Transactions are batched; when a batch fails on a retryable conflict its entries are retried
 * one by one, so one hot key does not hold up the others, and an entry that still conflicts waits
 * for the next round. A round does at most {@value #MAX_TXNS_PER_ROUND} transactions per pass. Any
 * other failure is logged and the next round runs. Counters go to {@link RespStats#expiredKeys} and
 * {@link RespStats#reclaimedMembers}.
 *
 * <p>Close it before the {@link TxnClient} it uses.
 */
public final class Reclaimer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reclaimer.class);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
  /** Expiry index entries handled per transaction. */
  static final int EXPIRY_BATCH = 256;
  /** Reclaim queue entries read at a time. */
  static final int GARBAGE_BATCH = 64;
  /** Member keys deleted per transaction. */
  static final int DELETE_BUDGET = 512;
  /** Transactions per pass and round, so that a round (and {@link #close}) stays short. */
  static final int MAX_TXNS_PER_ROUND = 64;

  private final TxnClient client;
  private final RespStats stats;
  private final Duration interval;
  private final CountDownLatch closed = new CountDownLatch(1);
  private Thread thread;

  /** What one round did. */
  public record Round(long expiredKeys, long staleIndexEntries, long reclaimedMembers, long finishedQueueEntries) {}

  public Reclaimer(TxnClient client, RespStats stats, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("reclaim interval must be positive, not " + interval);
    }
    this.client = client;
    this.stats = stats;
    this.interval = interval;
  }

  public Reclaimer(TxnClient client, RespStats stats) {
    this(client, stats, DEFAULT_INTERVAL);
  }

  /** Starts the background thread (a daemon); returns this. */
  public synchronized Reclaimer start() {
    if (thread != null || isClosed()) {
      throw new IllegalStateException("the reclaimer was already started or closed");
    }
    thread = new Thread(this::loop, "nokv-resp-reclaimer");
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((t, e) -> LOG.error("RESP reclaimer stopped: expired keys and deleted collections are no longer reclaimed", e));
    thread.start();
    return this;
  }

  private void loop() {
    try {
      while (!closed.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
        try {
          runOnce();
        } catch (RuntimeException e) {
          LOG.warn("RESP reclaim round failed; the next round runs in {} ms", interval.toMillis(), e);
        }
      }
    } catch (InterruptedException e) {
      LOG.warn("RESP reclaimer interrupted: it stops");
      Thread.currentThread().interrupt();
    }
  }

  /** Runs one round in the calling thread (tests; the background thread calls it too). */
  public Round runOnce() {
    long now = System.currentTimeMillis();
    long[] expiry = expirePass(now);
    long[] garbage = reclaimPass();
    Round r = new Round(expiry[0], expiry[1], garbage[0], garbage[1]);
    if (r.expiredKeys() + r.reclaimedMembers() > 0) {
      LOG.debug("RESP reclaim round: {}", r);
    }
    return r;
  }

  /** Whether the background thread runs. */
  public synchronized boolean isRunning() {
    return thread != null && thread.isAlive();
  }

  private boolean isClosed() {
    return closed.getCount() == 0;
  }

  // ---- expired keys ----

  /** Returns {expired keys, stale entries}. */
  private long[] expirePass(long now) {
    long[] done = new long[2];
    byte[] from = RespKeys.expiryStart();
    byte[] end = RespKeys.expiryEndAt(now);
    for (int txns = 0; txns < MAX_TXNS_PER_ROUND && !isClosed(); txns++) {
      byte[] start = from;
      List<KvPair> entries = attempt(txn -> txn.scan(start, end, EXPIRY_BATCH));
      if (entries == null || entries.isEmpty()) {
        break;
      }
      long[] batch = attempt(txn -> expire(txn, now, entries));
      if (batch == null) {
        for (KvPair e : entries) {
          long[] one = attempt(txn -> expire(txn, now, List.of(e)));
          if (one != null) {
            add(done, one);
          }
        }
      } else {
        add(done, batch);
      }
      if (entries.size() < EXPIRY_BATCH) {
        break;
      }
      from = successor(entries.getLast().key());
    }
    stats.expiredKeys.add(done[0]);
    return done;
  }

  /** Deletes the keys of {@code entries} that are still expired as indexed; returns {expired, stale}. */
  private long[] expire(Txn txn, long now, List<KvPair> entries) {
    Keyspace ks = new Keyspace(txn, now, client::currentTimestamp);
    long[] done = new long[2];
    for (KvPair e : entries) {
      byte[] key = RespKeys.userKeyOfExpiry(e.key());
      KeyMeta m;
      try {
        m = ks.storedMeta(key);
      } catch (RespFormatException bad) {
        LOG.error("RESP reclaimer skips expired key {}: its metadata is unreadable", printable(key), bad);
        continue;
      }
      if (m != null && m.expireAt() == RespKeys.expiryTimeOf(e.key()) && m.isExpiredAt(now)) {
        ks.delete(key); // removes this entry and queues a collection's members
        done[0]++;
      } else {
        txn.delete(e.key()); // the key was deleted, or its expiry changed, without this entry
        done[1]++;
      }
    }
    return done;
  }

  // ---- reclaim queue ----

  /** Returns {members deleted, queue entries finished}. */
  private long[] reclaimPass() {
    long[] done = new long[3];
    byte[] from = RespKeys.garbageStart();
    int txns = 0;
    while (txns < MAX_TXNS_PER_ROUND && !isClosed()) {
      byte[] start = from;
      List<KvPair> entries = attempt(txn -> txn.scan(start, RespKeys.garbageEnd(), GARBAGE_BATCH));
      if (entries == null || entries.isEmpty()) {
        break;
      }
      int i = 0;
      while (i < entries.size() && txns < MAX_TXNS_PER_ROUND && !isClosed()) {
        List<KvPair> rest = entries.subList(i, entries.size());
        long[] progress = attempt(txn -> reclaim(txn, rest));
        txns++;
        if (progress == null) {
          progress = attempt(txn -> reclaim(txn, rest.subList(0, 1)));
          txns++;
          if (progress == null) {
            i++; // this key is busy: its entry waits for the next round
            continue;
          }
        }
        add(done, progress);
        i += (int) progress[1];
      }
      if (i < entries.size() || entries.size() < GARBAGE_BATCH) {
        break; // out of transactions for this round, or the queue is done
      }
      from = successor(entries.getLast().key());
    }
    stats.reclaimedMembers.add(done[0]);
    return new long[] {done[0], done[2]};
  }

  /**
   * Deletes members of the queued collections in {@code entries}, in order, until the budget is
   * spent; returns {members deleted, entries passed (finished or skipped as unreadable), entries
   * finished (and removed from the queue)}. An entry cut short by the budget is not passed.
   */
  private long[] reclaim(Txn txn, List<KvPair> entries) {
    Keyspace ks = new Keyspace(txn, System.currentTimeMillis(), client::currentTimestamp);
    int budget = DELETE_BUDGET;
    long[] done = new long[3];
    for (KvPair e : entries) {
      long version = RespKeys.versionOfGarbage(e.key());
      byte[] key = RespKeys.userKeyOfGarbage(e.key());
      RedisType type;
      KeyMeta live;
      try {
        type = RedisType.ofCode(e.value()[0]);
        txn.lockKeys(RespKeys.meta(key));
        live = ks.storedMeta(key);
      } catch (RespFormatException | ArrayIndexOutOfBoundsException bad) {
        // kept for inspection; the rest of the queue goes on
        LOG.error("RESP reclaimer skips the queued members of {} (version {}): unreadable record", printable(key), version, bad);
        done[1]++;
        continue;
      }
      boolean inUse = live != null && live.type().isCollection() && live.version() == version;
      if (!inUse) {
        for (byte space : Keyspace.memberSpaces(type)) {
          byte[] prefix = RespKeys.memberPrefix(space, key, version);
          List<KvPair> members = txn.scan(prefix, RespKeys.prefixEnd(prefix), budget);
          for (KvPair m : members) {
            txn.delete(m.key());
          }
          budget -= members.size();
          done[0] += members.size();
          if (budget == 0) {
            return done; // maybe more members: the entry stays for the next transaction
          }
        }
      }
      txn.delete(e.key());
      done[1]++;
      done[2]++;
    }
    return done;
  }

  // ---- helpers ----

  /** Runs {@code body} in a transaction and commits; null when a retryable conflict aborted it. */
  private <T> T attempt(Function<Txn, T> body) {
    try (Txn txn = client.begin()) {
      T result = body.apply(txn);
      if (txn.isActive()) {
        txn.commit();
      }
      return result;
    } catch (TxnException e) {
      if (!e.isRetryable()) {
        throw e;
      }
      LOG.debug("RESP reclaim transaction conflicted; retried later: {}", e.getMessage());
      return null;
    }
  }

  private static void add(long[] total, long[] more) {
    for (int i = 0; i < more.length; i++) {
      total[i] += more[i];
    }
  }

  /** A key for a log line: as text, bounded. */
  private static String printable(byte[] key) {
    String s = new String(key, 0, Math.min(key.length, 200), java.nio.charset.StandardCharsets.UTF_8);
    return key.length > 200 ? s + "..." : s;
  }

  private static byte[] successor(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  /** Stops the thread and waits for it to finish its round. */
  @Override
  public void close() {
    closed.countDown();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // finish waiting: the thread may still be writing
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
