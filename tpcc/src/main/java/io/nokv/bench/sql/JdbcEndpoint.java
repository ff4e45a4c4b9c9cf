package io.nokv.bench.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * Where and how to connect to a target: a JDBC URL and the driver class that serves it (user and
 * password may be null when the URL carries them). {@link #openPool} checks that the driver is on
 * the classpath before anything else, so that a missing driver is one clear line.
 */
record JdbcEndpoint(String target, String url, String driverClass, String user, String password) {

  /** The URL without a {@code password=} parameter, for reports. */
  String safeUrl() {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** True when {@link #driverClass} can be loaded. */
  boolean driverPresent() {
    return classPresent(driverClass);
  }

  static boolean classPresent(String name) {
    try {
      Class.forName(name, false, JdbcEndpoint.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * A HikariCP pool of {@code size} autocommit connections, all opened now: a target that refuses
   * connections fails here, with {@link TargetUnavailableException}.
   */
  HikariDataSource openPool(int size) {
    if (!driverPresent()) {
      throw new TargetUnavailableException(target, "the JDBC driver " + driverClass + " is not on the classpath");
    }
    HikariConfig c = new HikariConfig();
    c.setPoolName("bench-sql-" + target);
    c.setJdbcUrl(url);
    c.setDriverClassName(driverClass);
    if (user != null) {
      c.setUsername(user);
    }
    if (password != null) {
      c.setPassword(password);
    }
    c.setAutoCommit(true);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(size);
    c.setConnectionTimeout(30_000);
    // No housekeeping during a measurement: connections live as long as the pool.
    c.setMaxLifetime(0);
    c.setIdleTimeout(0);
    c.setKeepaliveTime(0);
    try {
      return new HikariDataSource(c);
    } catch (HikariPool.PoolInitializationException e) {
      throw new TargetUnavailableException(target, "cannot connect to " + safeUrl(), e.getCause() != null ? e.getCause() : e);
    }
  }
}
