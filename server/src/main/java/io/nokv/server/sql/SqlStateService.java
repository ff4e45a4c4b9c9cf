package io.nokv.server.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;

/**
 * Wraps Avatica's {@link Service} so that a database error reaches the client with its SQLState
 * and vendor code.
 *
 * <p>{@code JdbcMeta} wraps every {@link SQLException} in a plain {@code RuntimeException}, and
 * Avatica's handler then answers with SQLState {@code 00000}: a client could not tell a unique-key
 * violation from a write conflict it should retry. Rethrown as an {@link
 * AvaticaRuntimeException} carrying the SQLException's message, SQLState and code (and the
 * original as its cause, whose stack trace Avatica sends along), the client's {@code
 * SQLException} has them. A connection the server does not have (expired, or the server
 * restarted) gets SQLState {@value #CONNECTION_DOES_NOT_EXIST}, so that pools evict it. Other
 * errors pass unchanged.
 *
 * <p>A dynamic proxy rather than a class per request type, because {@link Service} has one
 * {@code apply} method per request (two dozen) and all get the same treatment.
 */
final class SqlStateService implements InvocationHandler {
  /** SQLState for a client connection the server does not have (closed, expired, or restarted). */
  static final String CONNECTION_DOES_NOT_EXIST = "08003";

  private final Service delegate;

  private SqlStateService(Service delegate) {
    this.delegate = delegate;
  }

  static Service wrap(Service delegate) {
    return (Service) Proxy.newProxyInstance(
        Service.class.getClassLoader(), new Class<?>[] {Service.class}, new SqlStateService(delegate));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        case "toString" -> "SqlStateService(" + delegate + ")";
        default -> throw new UnsupportedOperationException(method.toString());
      };
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw withSqlState(e.getCause());
    }
  }

  static Throwable withSqlState(Throwable t) {
    if (t instanceof NoSuchConnectionException missing) {
      // Keep Avatica's error code (its client keys transparent reconnection on it) and add the
      // SQLState "connection does not exist", on which connection pools evict the connection.
      // (JdbcMeta puts its text in the connection-id field; the exception has no message.)
      String detail = missing.getMessage() != null ? missing.getMessage() : missing.getConnectionId();
      AvaticaRuntimeException withState = new AvaticaRuntimeException(
          "the server has no such connection (closed, idle for too long, or the server restarted): " + detail,
          ErrorResponse.MISSING_CONNECTION_ERROR_CODE, CONNECTION_DOES_NOT_EXIST, AvaticaSeverity.ERROR);
      withState.initCause(missing);
      return withState;
    }
    if (t instanceof AvaticaRuntimeException || t instanceof Error) {
      return t;
    }
    SQLException sql = null;
    for (Throwable c = t; c != null && sql == null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SQLException s) {
        sql = s;
      }
    }
    if (sql == null) {
      return t;
    }
    String message = sql.getMessage() == null ? sql.getClass().getName() : sql.getMessage();
    String state = sql.getSQLState() == null || sql.getSQLState().isBlank() ? "00000" : sql.getSQLState();
    AvaticaRuntimeException withState =
        new AvaticaRuntimeException(message, sql.getErrorCode(), state, AvaticaSeverity.ERROR);
    withState.initCause(t);
    return withState;
  }
}
