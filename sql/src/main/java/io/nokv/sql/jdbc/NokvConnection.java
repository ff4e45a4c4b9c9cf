package io.nokv.sql.jdbc;

import io.nokv.sql.NokvDatabase;
import io.nokv.sql.SqlStateException;
import io.nokv.sql.ddl.DdlExecutor;
import io.nokv.sql.ddl.DdlParser;
import io.nokv.sql.ddl.NokvStatementAst;
import io.nokv.sql.exec.CatalogTables;
import io.nokv.sql.exec.NokvSchema;
import io.nokv.sql.exec.PlanContext;
import io.nokv.sql.session.Session;
import io.nokv.sql.session.Sessions;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * A JDBC connection to a NoKV database: one {@link Session}. Queries and DML are planned by the
 * Calcite connection underneath; transactions, DDL and metadata about keys are NoKV's.
 *
 * <p>NoKV gives snapshot isolation, which it reports as {@link #TRANSACTION_REPEATABLE_READ} (as
 * PostgreSQL does for the same guarantee). SERIALIZABLE is refused rather than silently weakened.
 */
public final class NokvConnection implements Connection {
  private final NokvDatabase db;
  private final CalciteConnection inner;
  private final Session session;
  private final Runnable onClose;
  private final Properties info;
  private final Set<String> mountedSchemas = new HashSet<>();
  private long mountedVersion = -1;
  private boolean closed;
  private boolean readOnly;

  public NokvConnection(NokvDatabase db, CalciteConnection inner, Properties info, Runnable onClose)
      throws SQLException {
    this.db = db;
    this.inner = inner;
    this.info = info == null ? new Properties() : info;
    this.onClose = onClose;
    this.session = new Session(db);
    Sessions.register(inner, session);
    inner.getRootSchema().add(CatalogTables.SCHEMA, new CatalogTables(db.catalog())).setCacheEnabled(false);
    mountSchemas();
    String schema = this.info.getProperty("schema");
    if (schema != null && !schema.isEmpty()) {
      setSchema(schema);
    } else {
      inner.setSchema(session.schema());
    }
  }

  public Session session() {
    return session;
  }

  public NokvDatabase database() {
    return db;
  }

  /** Makes the catalog's schemas visible to Calcite when they changed since the last statement. */
  private void mountSchemas() {
    long v = db.catalog().current().version();
    if (v == mountedVersion) {
      return;
    }
    SchemaPlus root = inner.getRootSchema();
    Set<String> now = db.catalog().current().schemas();
    for (String s : now) {
      if (mountedSchemas.add(s)) {
        SchemaPlus sub = root.add(s, new NokvSchema(db.catalog(), s));
        sub.setCacheEnabled(false);
      }
    }
    for (String s : Set.copyOf(mountedSchemas)) {
      if (!now.contains(s)) {
        CalciteSchema.from(root).removeSubSchema(s);
        mountedSchemas.remove(s);
      }
    }
    mountedVersion = v;
  }

  void beforeStatement() throws SQLException {
    checkOpen();
    mountSchemas();
  }

  NokvStatementAst parseOwn(String sql) throws SQLException {
    try {
      return DdlParser.parse(sql);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  interface SqlCall<T> {
    T call() throws SQLException;
  }

  <T> T withForUpdate(SqlCall<T> body) throws SQLException {
    SQLException[] failure = new SQLException[1];
    T r = PlanContext.forUpdate(true, () -> {
      try {
        return body.call();
      } catch (SQLException e) {
        failure[0] = e;
        return null;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    return r;
  }

  /** Runs one of NoKV's own statements; returns its update count. */
  long executeOwn(NokvStatementAst ast) throws SQLException {
    try {
      switch (ast) {
        case NokvStatementAst.Begin b -> session.begin();
        case NokvStatementAst.Commit c -> session.commit();
        case NokvStatementAst.Rollback r -> session.rollback();
        case NokvStatementAst.SetSchema s -> setSchema(s.name());
        default -> {
          if (session.inTransaction() && session.autoCommit()) {
            // BEGIN ... DDL: like MySQL, DDL ends the open transaction first.
            session.commit();
          }
          new DdlExecutor(db.catalog()).execute(ast, session.schema());
          mountSchemas();
        }
      }
      return 0;
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    checkOpen();
    return StatementHandler.statement(this, inner.createStatement());
  }

  @Override
  public Statement createStatement(int type, int concurrency) throws SQLException {
    checkOpen();
    return StatementHandler.statement(this, inner.createStatement(type, concurrency));
  }

  @Override
  public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
    checkOpen();
    return StatementHandler.statement(this, inner.createStatement(type, concurrency, holdability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    beforeStatement();
    NokvStatementAst own = parseOwn(sql);
    if (own != null) {
      return StatementHandler.own(this, own);
    }
    String stripped = DdlParser.stripForUpdate(sql);
    try {
      PreparedStatement ps = stripped != null
          ? withForUpdate(() -> inner.prepareStatement(stripped))
          : inner.prepareStatement(sql);
      return StatementHandler.prepared(this, ps);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    throw new SQLFeatureNotSupportedException("stored procedures are not supported", "0A000");
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
    return prepareCall(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    return prepareCall(sql);
  }

  @Override
  public String nativeSQL(String sql) {
    return sql;
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    try {
      session.setAutoCommit(autoCommit);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return session.autoCommit();
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
    try {
      session.commit();
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    try {
      session.rollback();
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
      inner.close();
    } finally {
      Sessions.unregister(inner);
      onClose.run();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    return MetaData.wrap(this, inner.getMetaData());
  }

  CalciteConnection inner() {
    return inner;
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    this.readOnly = readOnly;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return readOnly;
  }

  @Override
  public void setCatalog(String catalog) {
    // NoKV has no catalogs above schemas; ignored as the JDBC contract allows.
  }

  @Override
  public String getCatalog() {
    return null;
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    if (level == TRANSACTION_SERIALIZABLE) {
      throw new SQLFeatureNotSupportedException(
          "NoKV provides snapshot isolation (reported as REPEATABLE READ), not SERIALIZABLE", "0A000");
    }
    if (level == TRANSACTION_NONE) {
      throw new SQLException("every NoKV statement is transactional; TRANSACTION_NONE is not a level", "0A000");
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return TRANSACTION_REPEATABLE_READ;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() {}

  @Override
  public Map<String, Class<?>> getTypeMap() {
    return Map.of();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    throw new SQLFeatureNotSupportedException("user-defined type maps are not supported", "0A000");
  }

  @Override
  public void setHoldability(int holdability) {}

  @Override
  public int getHoldability() {
    return java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    throw new SQLFeatureNotSupportedException("savepoints are not supported", "0A000");
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return setSavepoint();
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    setSavepoint();
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    setSavepoint();
  }

  @Override
  public Clob createClob() throws SQLException {
    throw new SQLFeatureNotSupportedException("CLOB is not supported", "0A000");
  }

  @Override
  public Blob createBlob() throws SQLException {
    throw new SQLFeatureNotSupportedException("BLOB is not supported; use VARBINARY", "0A000");
  }

  @Override
  public NClob createNClob() throws SQLException {
    throw new SQLFeatureNotSupportedException("NCLOB is not supported", "0A000");
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    throw new SQLFeatureNotSupportedException("SQLXML is not supported", "0A000");
  }

  @Override
  public boolean isValid(int timeout) {
    return !closed && !db.isClosed();
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    info.setProperty("client." + name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    properties.forEach((k, v) -> info.setProperty("client." + k, String.valueOf(v)));
  }

  @Override
  public String getClientInfo(String name) {
    return info.getProperty("client." + name);
  }

  @Override
  public Properties getClientInfo() {
    Properties p = new Properties();
    info.forEach((k, v) -> {
      if (k.toString().startsWith("client.")) {
        p.put(k.toString().substring(7), v);
      }
    });
    return p;
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    throw new SQLFeatureNotSupportedException("arrays are not supported", "0A000");
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    throw new SQLFeatureNotSupportedException("structs are not supported", "0A000");
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    mountSchemas();
    if (!db.catalog().current().hasSchema(schema)) {
      throw new SQLException("schema \"" + schema + "\" does not exist", SqlStateException.INVALID_SCHEMA);
    }
    session.setSchema(schema);
    inner.setSchema(schema);
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    return session.schema();
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    close();
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) {}

  @Override
  public int getNetworkTimeout() {
    return 0;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("the connection is closed", "08003");
    }
  }
}
