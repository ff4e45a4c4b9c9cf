package io.nokv.sql.session;

import io.nokv.sql.NokvDatabase;
import io.nokv.sql.catalog.Catalog;
import io.nokv.txn.Txn;
import io.nokv.txn.TxnClient;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.DataContext;

/**
 * One JDBC connection's state: its transaction and default schema. In autocommit mode every
 * statement runs in its own transaction (or, when it only reads, at its own snapshot); otherwise,
 * and after BEGIN, one transaction spans statements until COMMIT or ROLLBACK.
 *
 * <p>Calcite's generated code reaches the session through the statement's {@link DataContext};
 * {@link #scopeFor} binds each execution (one DataContext) to one {@link StatementScope}, so that
 * all scans of a statement read the same snapshot.
 */
public final class Session {
  private final NokvDatabase db;
  private final Map<DataContext, StatementScope> scopes = new WeakHashMap<>();
  private boolean autoCommit = true;
  private boolean explicitBegin;
  private Txn txn;
  private TxnScope txnScope;
  private String schema = Catalog.DEFAULT_SCHEMA;
  private boolean closed;

  public Session(NokvDatabase db) {
    this.db = db;
  }

  public NokvDatabase database() {
    return db;
  }

  public Catalog catalog() {
    return db.catalog();
  }

  public TxnClient client() {
    return db.catalog().client();
  }

  public synchronized String schema() {
    return schema;
  }

  public synchronized void setSchema(String s) {
    this.schema = s;
  }

  public synchronized boolean autoCommit() {
    return autoCommit;
  }

  /** JDBC semantics: turning autocommit on commits an open transaction. */
  public synchronized void setAutoCommit(boolean on) {
    if (on && !autoCommit) {
      commit();
    }
    autoCommit = on;
  }

  /** True when statements run inside a transaction that spans them. */
  public synchronized boolean inTransaction() {
    return !autoCommit || explicitBegin;
  }

  /** BEGIN: the following statements share one transaction until COMMIT or ROLLBACK. */
  public synchronized void begin() {
    if (explicitBegin || (txn != null && !autoCommit)) {
      return; // as PostgreSQL: a warning there, nothing to do here
    }
    explicitBegin = true;
  }

  /** The scope of the statement this DataContext belongs to; created on first use. */
  public synchronized StatementScope scopeFor(DataContext root) {
    StatementScope s = scopes.get(root);
    if (s == null) {
      checkOpen();
      if (inTransaction()) {
        if (txnScope == null) {
          txnScope = new TxnScope(this);
        }
        s = txnScope;
      } else {
        s = new AutoCommitScope(this);
      }
      scopes.put(root, s);
    }
    return s;
  }

  /** The spanning transaction, begun on first use. */
  synchronized Txn spanningTxn() {
    if (txn == null) {
      txn = client().begin();
    }
    return txn;
  }

  public synchronized void commit() {
    checkOpen();
    Txn t = txn;
    TxnScope scope = txnScope;
    txn = null;
    txnScope = null;
    explicitBegin = false;
    if (t != null) {
      Commits.commit(catalog(), t, scope.writtenTables());
    }
  }

  public synchronized void rollback() {
    checkOpen();
    Txn t = txn;
    txn = null;
    txnScope = null;
    explicitBegin = false;
    if (t != null) {
      t.rollback();
    }
  }

  public synchronized void close() {
    if (!closed) {
      if (txn != null) {
        txn.rollback();
        txn = null;
      }
      closed = true;
      scopes.clear();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the connection is closed");
    }
  }
}
