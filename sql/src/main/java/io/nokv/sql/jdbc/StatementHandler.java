package io.nokv.sql.jdbc;

import io.nokv.sql.ddl.DdlParser;
import io.nokv.sql.ddl.NokvStatementAst;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A NoKV statement: statements NoKV handles itself (DDL, BEGIN, COMMIT, ROLLBACK, SET SCHEMA) run
 * here; queries and DML go to the Calcite statement underneath, with errors translated. A prepared
 * statement of NoKV's own kind has no Calcite statement at all.
 */
final class StatementHandler implements InvocationHandler {
  private final NokvConnection conn;
  private final Statement delegate;
  /** For a prepared statement of our own kind: what it runs. */
  private final NokvStatementAst prepared;
  private final List<String> batch = new ArrayList<>();
  private Object proxy;
  /** Whether the last execution was one of ours; then the next two fields describe its result. */
  private boolean lastOwn;
  private long ownUpdateCount = -1;
  private boolean closed;

  private StatementHandler(NokvConnection conn, Statement delegate, NokvStatementAst prepared) {
    this.conn = conn;
    this.delegate = delegate;
    this.prepared = prepared;
  }

  static Statement statement(NokvConnection conn, Statement delegate) {
    return (Statement) create(new StatementHandler(conn, delegate, null), Statement.class);
  }

  static PreparedStatement prepared(NokvConnection conn, PreparedStatement delegate) {
    return (PreparedStatement) create(new StatementHandler(conn, delegate, null), PreparedStatement.class);
  }

  static PreparedStatement own(NokvConnection conn, NokvStatementAst ast) {
    return (PreparedStatement) create(new StatementHandler(conn, null, ast), PreparedStatement.class);
  }

  private static Object create(StatementHandler h, Class<?> iface) {
    h.proxy = Proxy.newProxyInstance(StatementHandler.class.getClassLoader(), new Class<?>[] {iface}, h);
    return h.proxy;
  }

  @Override
  public Object invoke(Object p, Method m, Object[] args) throws Throwable {
    if (m.getDeclaringClass() == Object.class) {
      return Invocations.objectMethod(p, m, args, "NoKV statement");
    }
    String name = m.getName();
    boolean sqlArg = args != null && args.length >= 1 && args[0] instanceof String;
    switch (name) {
      case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
        return sqlArg ? executeText(m, args, (String) args[0]) : executePrepared(m, args);
      }
      case "addBatch" -> {
        if (sqlArg) {
          batch.add((String) args[0]);
          return null;
        }
        if (prepared != null) {
          throw new SQLException("a " + prepared.getClass().getSimpleName() + " statement cannot be batched", "0A000");
        }
        return Invocations.call(delegate, m, args);
      }
      case "clearBatch" -> {
        batch.clear();
        return delegate == null ? null : Invocations.call(delegate, m, args);
      }
      case "executeBatch", "executeLargeBatch" -> {
        return executeBatch(m, args, name.equals("executeLargeBatch"));
      }
      case "getResultSet" -> {
        return lastOwn || delegate == null ? null : ResultSets.wrap((ResultSet) Invocations.call(delegate, m, args),
            (Statement) proxy);
      }
      case "getUpdateCount", "getLargeUpdateCount" -> {
        if (lastOwn || delegate == null) {
          return name.equals("getUpdateCount") ? (Object) (int) ownUpdateCount : (Object) ownUpdateCount;
        }
        return Invocations.call(delegate, m, args);
      }
      case "getMoreResults" -> {
        if (lastOwn || delegate == null) {
          ownUpdateCount = -1;
          return false;
        }
        return Invocations.call(delegate, m, args);
      }
      case "getConnection" -> {
        return conn;
      }
      case "close" -> {
        closed = true;
        return delegate == null ? null : Invocations.call(delegate, m, args);
      }
      case "isClosed" -> {
        return delegate == null ? closed : Invocations.call(delegate, m, args);
      }
      case "unwrap" -> {
        return ((Class<?>) args[0]).isInstance(proxy) ? proxy : delegate.unwrap((Class<?>) args[0]);
      }
      case "isWrapperFor" -> {
        return ((Class<?>) args[0]).isInstance(proxy) || (delegate != null && delegate.isWrapperFor((Class<?>) args[0]));
      }
      case "getMetaData" -> {
        if (delegate == null) {
          return null;
        }
      }
      case "getParameterMetaData" -> {
        if (delegate == null) {
          return noParameters();
        }
      }
      default -> { }
    }
    if (delegate == null) {
      return ownDefault(m, args);
    }
    Object r = Invocations.call(delegate, m, args);
    return r instanceof ResultSet rs ? ResultSets.wrap(rs, (Statement) proxy) : r;
  }

  private Object executeText(Method m, Object[] args, String sql) throws SQLException {
    if (delegate instanceof PreparedStatement) {
      throw new SQLException("a PreparedStatement runs the SQL it was prepared with; use execute() without SQL",
          "42000");
    }
    conn.beforeStatement();
    NokvStatementAst own = conn.parseOwn(sql);
    if (own != null) {
      runOwn(own);
      return ownResult(m);
    }
    lastOwn = false;
    String stripped = DdlParser.stripForUpdate(sql);
    Object r;
    if (stripped != null) {
      Object[] a = args.clone();
      a[0] = stripped;
      r = conn.withForUpdate(() -> Invocations.call(delegate, m, a));
    } else {
      r = Invocations.call(delegate, m, args);
    }
    return r instanceof ResultSet rs ? ResultSets.wrap(rs, (Statement) proxy) : r;
  }

  private Object executePrepared(Method m, Object[] args) throws SQLException {
    conn.beforeStatement();
    if (prepared != null) {
      runOwn(prepared);
      return ownResult(m);
    }
    lastOwn = false;
    Object r = Invocations.call(delegate, m, args);
    return r instanceof ResultSet rs ? ResultSets.wrap(rs, (Statement) proxy) : r;
  }

  private void runOwn(NokvStatementAst ast) throws SQLException {
    lastOwn = true;
    ownUpdateCount = conn.executeOwn(ast);
  }

  private Object ownResult(Method m) throws SQLException {
    return switch (m.getName()) {
      case "execute" -> false;
      case "executeUpdate" -> (int) ownUpdateCount;
      case "executeLargeUpdate" -> ownUpdateCount;
      default -> throw new SQLException("executeQuery: the statement returns no rows", "02000");
    };
  }

  private Object executeBatch(Method m, Object[] args, boolean large) throws SQLException {
    if (batch.isEmpty()) {
      if (delegate == null) {
        return large ? new long[0] : new int[0];
      }
      conn.beforeStatement();
      return Invocations.call(delegate, m, args);
    }
    List<String> sqls = new ArrayList<>(batch);
    batch.clear();
    long[] counts = new long[sqls.size()];
    for (int i = 0; i < counts.length; i++) {
      conn.beforeStatement();
      NokvStatementAst own = conn.parseOwn(sqls.get(i));
      if (own != null) {
        counts[i] = conn.executeOwn(own);
      } else {
        try {
          counts[i] = delegate.executeLargeUpdate(sqls.get(i));
        } catch (SQLException | RuntimeException e) {
          throw SqlErrors.translate(e);
        }
      }
    }
    lastOwn = true;
    ownUpdateCount = -1;
    if (large) {
      return counts;
    }
    int[] ints = new int[counts.length];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = (int) counts[i];
    }
    return ints;
  }

  /** Everything else on a prepared statement of our own kind: setters accept nothing, getters answer plainly. */
  private Object ownDefault(Method m, Object[] args) throws SQLException {
    String n = m.getName();
    if (n.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
      throw new SQLException("parameter " + args[0] + " does not exist: the statement has no parameters", "07009");
    }
    if (n.equals("clearParameters") || n.equals("clearWarnings") || n.startsWith("set")) {
      return null;
    }
    if (n.equals("getWarnings") || n.equals("getGeneratedKeys")) {
      return null;
    }
    Class<?> r = m.getReturnType();
    if (r == boolean.class) {
      return false;
    }
    if (r == int.class) {
      return 0;
    }
    if (r == long.class) {
      return 0L;
    }
    if (r == void.class) {
      return null;
    }
    throw new java.sql.SQLFeatureNotSupportedException(n + " is not supported on this statement", "0A000");
  }

  private static ParameterMetaData noParameters() {
    return (ParameterMetaData) Proxy.newProxyInstance(StatementHandler.class.getClassLoader(),
        new Class<?>[] {ParameterMetaData.class}, (p, m, a) -> {
          if (m.getName().equals("getParameterCount")) {
            return 0;
          }
          if (m.getName().equals("isWrapperFor")) {
            return false;
          }
          throw new SQLException("the statement has no parameters", "07009");
        });
  }
}
