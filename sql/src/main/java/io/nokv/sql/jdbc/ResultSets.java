package io.nokv.sql.jdbc;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Wraps Calcite's result sets so that errors raised while rows are produced (a lock that waits too
 * long, a division by zero in a projection) carry SQLStates, and {@code getStatement()} returns the
 * NoKV statement.
 */
final class ResultSets {
  private ResultSets() {}

  static ResultSet wrap(ResultSet rs, Statement owner) {
    if (rs == null) {
      return null;
    }
    return (ResultSet) Proxy.newProxyInstance(ResultSets.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        (proxy, m, args) -> {
          if (m.getDeclaringClass() == Object.class) {
            return Invocations.objectMethod(proxy, m, args, "NoKV " + rs);
          }
          return switch (m.getName()) {
            case "getStatement" -> owner;
            case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : rs.unwrap((Class<?>) args[0]);
            case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy) || rs.isWrapperFor((Class<?>) args[0]);
            default -> Invocations.call(rs, m, args);
          };
        });
  }
}
