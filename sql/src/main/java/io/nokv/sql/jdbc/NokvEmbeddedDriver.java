package io.nokv.sql.jdbc;

import io.nokv.sql.NokvDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The embedded driver: {@code jdbc:nokv:file:DIR} opens (or shares) the database stored in DIR,
 * {@code jdbc:nokv:mem:NAME} a database kept in memory, both inside the application's JVM. Options
 * follow a {@code ;}: {@code ;schema=NAME} sets the default schema. A database stays open while any
 * connection to it (or any {@link NokvDatabase#open} holder) is open.
 */
public final class NokvEmbeddedDriver implements Driver {
  public static final String FILE_PREFIX = "jdbc:nokv:file:";
  public static final String MEM_PREFIX = "jdbc:nokv:mem:";

  static {
    try {
      DriverManager.registerDriver(new NokvEmbeddedDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties props = new Properties();
    if (info != null) {
      props.putAll(info);
    }
    String rest = url.startsWith(FILE_PREFIX) ? url.substring(FILE_PREFIX.length()) : url.substring(MEM_PREFIX.length());
    String[] parts = rest.split(";");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0) {
        throw new SQLException("bad option \"" + parts[i] + "\" in " + url + ": expected key=value", "08001");
      }
      props.setProperty(parts[i].substring(0, eq).trim(), parts[i].substring(eq + 1).trim());
    }
    String target = parts[0];
    if (target.isEmpty()) {
      throw new SQLException("no " + (url.startsWith(FILE_PREFIX) ? "directory" : "name") + " in " + url, "08001");
    }
    NokvDatabase db;
    try {
      db = url.startsWith(FILE_PREFIX) ? NokvDatabase.open(Path.of(target)) : NokvDatabase.openInMemory(target);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
    try {
      return db.connect(props);
    } finally {
      db.close(); // the connection holds its own reference
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && (url.startsWith(FILE_PREFIX) || url.startsWith(MEM_PREFIX));
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo schema = new DriverPropertyInfo("schema", info == null ? null : info.getProperty("schema"));
    schema.description = "the default schema (default: public)";
    return new DriverPropertyInfo[] {schema};
  }

  @Override
  public int getMajorVersion() {
    return Version.major();
  }

  @Override
  public int getMinorVersion() {
    return Version.minor();
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("NoKV logs through SLF4J");
  }
}
