package io.nokv.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh H2 in-memory database: what the server serves in tests until NokvDatabase exists.
 * TODO(integrator): tests using it stand in for the real NoKV database; see ServerCommandTest.
 */
public final class H2Database {
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  public String url() {
    return url;
  }

  /** A direct connection, bypassing the server. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Sessions open on the database, not counting the one asking. */
  public int otherSessions() {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      rs.next();
      return rs.getInt(1) - 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count H2 sessions of " + url, e);
    }
  }

  /** Drops the database (closing every session). */
  public void shutdown() {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot shut down H2 database " + url, e);
    }
  }
}
