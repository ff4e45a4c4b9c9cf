package io.nokv.sql.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;

/** Calls a delegate's method, turning what it throws into a translated {@link SQLException}. */
final class Invocations {
  private Invocations() {}

  static Object call(Object target, Method m, Object[] args) throws SQLException {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException s && s.getSQLState() != null) {
        throw s;
      }
      throw SqlErrors.translate(cause);
    } catch (IllegalAccessException e) {
      throw new SQLException("internal: cannot call " + m, "XX000", e);
    }
  }

  /** {@code Object} methods every proxy answers itself. */
  static Object objectMethod(Object proxy, Method m, Object[] args, String description) {
    return switch (m.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      case "toString" -> description;
      default -> throw new IllegalStateException(m.getName());
    };
  }
}
