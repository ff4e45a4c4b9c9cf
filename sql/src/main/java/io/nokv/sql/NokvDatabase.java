package io.nokv.sql;

import io.nokv.kv.Options;
import io.nokv.kv.fs.MemFileSystem;
import io.nokv.sql.catalog.Catalog;
import io.nokv.sql.exec.NokvPrepare;
import io.nokv.sql.exec.NokvSqlConfig;
import io.nokv.sql.exec.PlanCache;
import io.nokv.sql.jdbc.NokvConnection;
import io.nokv.txn.GcWorker;
import io.nokv.txn.TxnClient;
import io.nokv.txn.TxnClientOptions;
import io.nokv.txn.store.LocalStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;

/**
 * One NoKV SQL database: a transactional store, its catalog and the SQL engine over them.
 *
 * <p>Inside a JVM there is one instance per directory (or memory name), shared by everything that
 * opens it: {@link #open} and {@link #openInMemory} callers and the connections of the embedded
 * JDBC URLs ({@code jdbc:nokv:file:DIR}, {@code jdbc:nokv:mem:NAME}). Each holds a reference; the
 * store closes when the last one is released (for a memory database, its data is then gone).
 */
public final class NokvDatabase implements AutoCloseable {
  private final String name;
  private final LocalStore store;
  private final TxnClient client;
  private final Catalog catalog;
  private final PlanCache plans;
  private final Driver calcite;
  private final GcWorker gc;
  private final AtomicInteger connections = new AtomicInteger();
  private int references;
  private volatile boolean closed;

  private static final Map<String, NokvDatabase> OPEN = new HashMap<>();
  /** How often the MVCC garbage collector runs (its first round too: short-lived databases never pay for one). */
  static final long GC_INTERVAL_MILLIS = 5 * 60_000;

  private NokvDatabase(String name, LocalStore store) {
    this.name = name;
    this.store = store;
    boolean ok = false;
    try {
      this.client = TxnClient.connect(store, new TxnClientOptions());
      this.catalog = Catalog.open(client);
      this.plans = new PlanCache(catalog);
      this.calcite = new Driver().withPrepareFactory(() -> new NokvPrepare(plans));
      // Old MVCC versions (every UPDATE, DELETE and RESP write leaves one) are removed once they
      // are older than the GC lifetime (10 minutes); without this they would stay for ever.
      this.gc = client.newGcWorker();
      gc.start(GC_INTERVAL_MILLIS);
      ok = true;
    } finally {
      if (!ok) {
        store.close();
      }
    }
  }

  /**
   * Opens (or creates) the database stored in {@code dir}.
   *
   * @throws io.nokv.kv.DbLockedException when another process has it open
   */
  public static NokvDatabase open(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    return acquire("file:" + abs, () -> new NokvDatabase(abs.toString(), LocalStore.open(abs)));
  }

  /** Opens the memory database of this name, creating it if no one holds it. */
  public static NokvDatabase openInMemory(String name) {
    return acquire("mem:" + name, () -> new NokvDatabase("mem:" + name,
        LocalStore.open(Path.of("/nokv-mem", name), new Options().setFileSystem(new MemFileSystem()))));
  }

  private static NokvDatabase acquire(String key, Supplier<NokvDatabase> opener) {
    synchronized (OPEN) {
      NokvDatabase db = OPEN.get(key);
      if (db == null) {
        db = opener.get();
        db.key = key;
        OPEN.put(key, db);
      }
      db.references++;
      return db;
    }
  }

  private String key;

  /** Drops one reference; the last one closes the store. */
  private void release() {
    synchronized (OPEN) {
      if (--references > 0) {
        return;
      }
      OPEN.remove(key);
      closed = true;
    }
    gc.close();
    client.close();
    store.close();
  }

  public String name() {
    return name;
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The transactional store's client: what the RESP gateway runs its commands on, beside SQL. */
  public TxnClient txnClient() {
    return client;
  }

  public PlanCache plans() {
    return plans;
  }

  /** A new JDBC connection (one session) to this database. */
  public Connection connect(Properties info) throws SQLException {
    if (closed) {
      throw new SQLException("database " + name + " is closed", "08003");
    }
    synchronized (OPEN) {
      if (closed) {
        throw new SQLException("database " + name + " is closed", "08003");
      }
      references++;
    }
    try {
      CalciteConnection inner =
          (CalciteConnection) calcite.connect("jdbc:calcite:", NokvSqlConfig.calciteProperties());
      connections.incrementAndGet();
      return new NokvConnection(this, inner, info, () -> {
        connections.decrementAndGet();
        release();
      });
    } catch (SQLException | RuntimeException e) {
      release();
      throw e;
    }
  }

  /** Connections open now. */
  public int openConnections() {
    return connections.get();
  }

  public boolean isClosed() {
    return closed;
  }

  /** Releases this holder's reference (once per {@link #open}); the last release closes the store. */
  @Override
  public void close() {
    release();
  }
}
