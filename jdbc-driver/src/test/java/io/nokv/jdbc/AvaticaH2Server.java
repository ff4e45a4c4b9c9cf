package io.nokv.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What the driver talks to in these tests: an Avatica protobuf HTTP server on 127.0.0.1 and a free
 * port, over a fresh H2 in-memory database (the NoKV server does the same over NoKV).
 */
final class AvaticaH2Server implements AutoCloseable {
  private final String h2Url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final HttpServer http;

  AvaticaH2Server() throws SQLException {
    this(new Properties());
  }

  /** With JdbcMeta's settings, e.g. a short connection expiry. */
  AvaticaH2Server(Properties metaSettings) throws SQLException {
    JdbcMeta meta = new JdbcMeta(h2Url, metaSettings);
    ServerCustomizer<Server> loopback = server -> {
      for (Connector c : server.getConnectors()) {
        ((ServerConnector) c).setHost("127.0.0.1");
      }
    };
    http = new HttpServer.Builder<Server>()
        .withHandler(new LocalService(meta), Serialization.PROTOBUF)
        .withPort(0)
        .withServerCustomizers(List.of(loopback), Server.class)
        .build();
    http.start();
  }

  int port() {
    return http.getPort();
  }

  String url() {
    return "jdbc:nokv://127.0.0.1:" + port();
  }

  /** A direct connection to the H2 database behind the server, to set up or check state. */
  Connection h2() throws SQLException {
    return DriverManager.getConnection(h2Url);
  }

  @Override
  public void close() throws SQLException {
    http.stop();
    try (Connection c = h2(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }
}
