package io.nokv.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.junit.jupiter.api.Test;

/** What a client sees when the server no longer has its connection, or is gone. */
class ConnectionLossTest {
  private static final long EXPIRY_MS = 200;

  private static AvaticaH2Server serverExpiringConnectionsQuickly() throws SQLException {
    Properties settings = new Properties();
    settings.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_DURATION.key(), Long.toString(EXPIRY_MS));
    settings.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_UNIT.key(), "MILLISECONDS");
    return new AvaticaH2Server(settings);
  }

  /** Lets the server's idle expiry pass: this waits for time itself, not for another thread. */
  private static void idleLongerThan(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  @Test
  void expiredConnectionIsInvalidAndFailsWith08003() throws Exception {
    try (AvaticaH2Server server = serverExpiringConnectionsQuickly()) {
      Connection c = new NokvDriver().connect(server.url(), new Properties());
      assertTrue(c.isValid(1));
      idleLongerThan(EXPIRY_MS * 3);
      assertFalse(c.isValid(1), "the server dropped it");
      SQLException commit = assertThrows(SQLException.class, c::commit);
      assertEquals("08003", commit.getSQLState(), commit.getMessage());
      SQLException create = assertThrows(SQLException.class, c::createStatement);
      assertEquals("08003", create.getSQLState(), create.getMessage());
      c.close(); // closing a connection the server no longer has is fine
    }
  }

  @Test
  void hikariReplacesAConnectionTheServerDropped() throws Exception {
    try (AvaticaH2Server server = serverExpiringConnectionsQuickly()) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.url());
      config.setMaximumPoolSize(1);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE t (id INT)");
        }
        // Longer than the expiry, and than Hikari's 500 ms without validation after use.
        idleLongerThan(Math.max(EXPIRY_MS * 3, 700));
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
          assertTrue(rs.next());
          assertEquals(0, rs.getInt(1));
        }
      }
    }
  }

  @Test
  void serverGoneIsInvalidAndFailsWith08006() throws Exception {
    Connection c;
    try (AvaticaH2Server server = new AvaticaH2Server()) {
      c = new NokvDriver().connect(server.url(), new Properties());
      assertTrue(c.isValid(1));
    }
    assertFalse(c.isValid(1));
    SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class, c::rollback);
    assertEquals("08006", e.getSQLState());
    assertTrue(e.getMessage().startsWith("rollback: lost the NoKV server: "), e.getMessage());
  }
}
