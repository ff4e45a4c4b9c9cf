package io.nokv.sql.catalog;

import io.nokv.txn.Txn;
import io.nokv.txn.TxnClient;
import io.nokv.txn.rpc.KvPair;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The catalog: schemas and table definitions, stored transactionally under {@link CatalogKeys} and
 * published in memory as immutable {@link CatalogSnapshot}s. Every change runs in one transaction
 * that also bumps the catalog record, so two concurrent changes conflict and one retries.
 *
 * <p>Changes that alter which index entries a write must produce (a new or dropped index) are
 * published under the write side of {@link #commitGuard()}; sessions commit under its read side
 * after checking that the tables they wrote have not changed since, so no transaction that missed a
 * new index can commit after the index's backfill started.
 */
public final class Catalog {
  public static final String DEFAULT_SCHEMA = "public";
  private static final int ROW_ID_BATCH = 1024;

  private final TxnClient client;
  private final ReadWriteLock commitGuard = new ReentrantReadWriteLock();
  private final Map<Long, RowIdRange> rowIds = new ConcurrentHashMap<>();
  private volatile CatalogSnapshot current;

  private Catalog(TxnClient client) {
    this.client = client;
  }

  /** Loads the catalog, creating the default schema in a new database. */
  public static Catalog open(TxnClient client) {
    Catalog c = new Catalog(client);
    c.reload();
    if (!c.current.hasSchema(DEFAULT_SCHEMA)) {
      c.change(txn -> txn.put(CatalogKeys.schema(DEFAULT_SCHEMA), CatalogCodec.encodeSchema()));
    }
    return c;
  }

  public CatalogSnapshot current() {
    return current;
  }

  public ReadWriteLock commitGuard() {
    return commitGuard;
  }

  public TxnClient client() {
    return client;
  }

  /** The id the next created table gets is read and advanced inside {@code body}'s transaction. */
  public long nextTableId(Txn txn) {
    CatalogCodec.Meta m = meta(txn);
    txn.put(CatalogKeys.META, CatalogCodec.encodeMeta(new CatalogCodec.Meta(m.version(), m.nextTableId() + 1)));
    return m.nextTableId();
  }

  /**
   * Runs {@code body} in a transaction (retried on conflicts), bumps the catalog version in it, and
   * publishes the new catalog once it has committed.
   */
  public synchronized void change(Consumer<Txn> body) {
    client.run(txn -> {
      body.accept(txn);
      CatalogCodec.Meta m = meta(txn);
      txn.put(CatalogKeys.META, CatalogCodec.encodeMeta(new CatalogCodec.Meta(m.version() + 1, m.nextTableId())));
      return null;
    });
    reload();
  }

  /** As {@link #change}, but no session commit can interleave with the publication. */
  public void changeGuarded(Consumer<Txn> body) {
    commitGuard.writeLock().lock();
    try {
      change(body);
    } finally {
      commitGuard.writeLock().unlock();
    }
  }

  /** The first of {@code n} fresh hidden row ids for a table without a primary key. */
  public long allocateRowIds(long tableId, int n) {
    RowIdRange r = rowIds.computeIfAbsent(tableId, id -> new RowIdRange());
    synchronized (r) {
      if (r.next + n > r.limit) {
        int batch = Math.max(ROW_ID_BATCH, n);
        long first = client.run(txn -> {
          byte[] key = CatalogKeys.rowIdCounter(tableId);
          byte[] v = txn.get(key);
          long next = v == null ? 1 : ByteBuffer.wrap(v).getLong();
          txn.put(key, ByteBuffer.allocate(8).putLong(next + batch).array());
          return next;
        });
        r.next = first;
        r.limit = first + batch;
      }
      long first = r.next;
      r.next += n;
      return first;
    }
  }

  private static final class RowIdRange {
    long next;
    long limit;
  }

  private CatalogCodec.Meta meta(Txn txn) {
    byte[] v = txn.get(CatalogKeys.META);
    return v == null ? new CatalogCodec.Meta(0, 1) : CatalogCodec.decodeMeta(v);
  }

  /** Reads the whole catalog at a fresh snapshot and publishes it. */
  public synchronized void reload() {
    try (Txn txn = client.begin()) {
      CatalogCodec.Meta m = meta(txn);
      Set<String> schemas = new HashSet<>();
      for (KvPair p : txn.scan(CatalogKeys.SCHEMA_PREFIX, CatalogKeys.end(CatalogKeys.SCHEMA_PREFIX), Integer.MAX_VALUE)) {
        String name = CatalogKeys.schemaName(p.key());
        CatalogCodec.checkSchema(p.value(), name);
        schemas.add(name);
      }
      Map<Long, TableDef> tables = new HashMap<>();
      for (KvPair p : txn.scan(CatalogKeys.TABLE_PREFIX, CatalogKeys.end(CatalogKeys.TABLE_PREFIX), Integer.MAX_VALUE)) {
        TableDef t = CatalogCodec.decodeTable(p.value());
        tables.put(t.id(), t);
      }
      current = new CatalogSnapshot(m.version(), schemas, tables);
    }
  }
}
