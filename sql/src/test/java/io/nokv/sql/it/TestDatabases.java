package io.nokv.sql.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The databases the integration tests run against, chosen by system properties so that the same
 * tests run against NoKV (the default) and, for checking the harness, against H2 or PostgreSQL.
 *
 * <table>
 *   <caption>System properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code nokv.sqltest.url}</td><td>{@code jdbc:nokv:mem:sqltest_<random>}</td>
 *       <td>JDBC URL of the database under test; see {@link #fresh}</td></tr>
 *   <tr><td>{@code nokv.sqltest.fileUrl}</td><td>{@code jdbc:nokv:file:{dir}}</td>
 *       <td>URL of an on-disk database; {@code {dir}} becomes a temporary directory</td></tr>
 *   <tr><td>{@code nokv.sqltest.user}, {@code nokv.sqltest.password}</td><td>unset</td>
 *       <td>credentials, when the URL needs them</td></tr>
 *   <tr><td>{@code nokv.sqltest.setupUrl}, {@code nokv.sqltest.setup}</td><td>unset</td>
 *       <td>statements ({@code ;}-separated, {@code {db}} replaced) run on the setup URL before a
 *       fresh database is used; for servers, e.g. {@code CREATE DATABASE {db}} on PostgreSQL</td></tr>
 *   <tr><td>{@code nokv.sqltest.isolation}</td><td>unset</td>
 *       <td>a JDBC isolation name ({@code REPEATABLE_READ}, ...) set on every connection of the
 *       Java tests; NoKV needs none (snapshot isolation is its only level)</td></tr>
 *   <tr><td>{@code nokv.sqltest.conflictStates}</td><td>{@code 40001}</td>
 *       <td>SQLStates that mean "write conflict, retry"; NoKV uses 40001 only, PostgreSQL also
 *       reports deadlocks as 40P01, H2 uses 40001, 90131 and HYT00</td></tr>
 * </table>
 */
final class TestDatabases {
  static final String URL_PROPERTY = "nokv.sqltest.url";
  private static final String DEFAULT_URL = "jdbc:nokv:mem:sqltest_" + randomSuffix();

  private TestDatabases() {}

  /** The configured base URL. */
  static String baseUrl() {
    return System.getProperty(URL_PROPERTY, DEFAULT_URL);
  }

  /**
   * A URL naming a database nobody has used yet, derived from {@code baseUrl}:
   *
   * <ul>
   *   <li>{@code {db}} anywhere in the URL is replaced by a new name ({@code [a-z0-9_]} only);
   *   <li>otherwise in-memory URLs ({@code jdbc:nokv:mem:NAME}, {@code jdbc:h2:mem:NAME}) get
   *       {@code _<label>_<random>} appended to NAME (before H2's {@code ;} settings);
   *   <li>any other URL is used as it is: the tests then share one database.
   * </ul>
   *
   * Runs the configured setup statements first, when there are any.
   */
  static String fresh(String baseUrl, String label) throws SQLException {
    String name = sanitize(label) + "_" + randomSuffix();
    String url;
    if (baseUrl.contains("{db}")) {
      url = baseUrl.replace("{db}", "t_" + name);
    } else if (baseUrl.startsWith("jdbc:nokv:mem:") || baseUrl.startsWith("jdbc:h2:mem:")) {
      int semi = baseUrl.indexOf(';');
      String head = semi < 0 ? baseUrl : baseUrl.substring(0, semi);
      String tail = semi < 0 ? "" : baseUrl.substring(semi);
      String sep = head.endsWith(":") ? "" : "_";
      url = head + sep + name + tail;
    } else {
      url = baseUrl;
    }
    runSetup("t_" + name);
    return url;
  }

  /** The configured on-disk URL for {@code dir}. */
  static String fileUrl(java.nio.file.Path dir) {
    return System.getProperty("nokv.sqltest.fileUrl", "jdbc:nokv:file:{dir}")
        .replace("{dir}", dir.toAbsolutePath().toString());
  }

  /** Credentials from the properties, for DriverManager. */
  static Properties credentials() {
    Properties props = new Properties();
    String user = System.getProperty("nokv.sqltest.user");
    String password = System.getProperty("nokv.sqltest.password");
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return props;
  }

  /** Opens a connection with the configured credentials and isolation level. */
  static Connection connect(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url, credentials());
    int isolation = isolationLevel();
    if (isolation >= 0) {
      c.setTransactionIsolation(isolation);
    }
    return c;
  }

  /** The configured JDBC isolation level, or -1 when none is configured. */
  static int isolationLevel() {
    String name = System.getProperty("nokv.sqltest.isolation");
    if (name == null || name.isBlank()) {
      return -1;
    }
    return switch (name.trim().toUpperCase(Locale.ROOT).replace("TRANSACTION_", "")) {
      case "READ_COMMITTED" -> Connection.TRANSACTION_READ_COMMITTED;
      case "REPEATABLE_READ" -> Connection.TRANSACTION_REPEATABLE_READ;
      case "SERIALIZABLE" -> Connection.TRANSACTION_SERIALIZABLE;
      default -> throw new IllegalArgumentException("nokv.sqltest.isolation: " + name);
    };
  }

  /** Whether {@code e} (or an exception it wraps) reports a retryable write conflict. */
  static boolean isConflict(Throwable e) {
    String states = System.getProperty("nokv.sqltest.conflictStates", "40001");
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        for (String state : states.split(",")) {
          if (s.getSQLState().equals(state.trim())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void runSetup(String dbName) throws SQLException {
    String setupUrl = System.getProperty("nokv.sqltest.setupUrl");
    String setup = System.getProperty("nokv.sqltest.setup");
    if (setupUrl == null || setup == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(setupUrl, credentials());
        Statement s = c.createStatement()) {
      for (String sql : setup.split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql.replace("{db}", dbName));
        }
      }
    }
  }

  static String randomSuffix() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
  }

  private static String sanitize(String label) {
    String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return s.length() > 30 ? s.substring(0, 30) : s;
  }
}
