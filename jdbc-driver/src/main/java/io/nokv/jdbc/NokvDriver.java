package io.nokv.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for a NoKV server: {@code jdbc:nokv://host[:port][/schema][?key=value&...]}.
 *
 * <p>A thin layer over Avatica's remote client: each connection talks to the server's Avatica
 * endpoint ({@code http://host:port}) in protobuf messages over HTTP, exactly as {@code
 * jdbc:avatica:remote:url=http://host:port;serialization=protobuf} would; see {@link NokvUrl} for
 * the URL and {@link ConnectionSettings} for the properties. The driver registers itself with
 * {@link DriverManager} when loaded and through {@code META-INF/services/java.sql.Driver}.
 *
 * <p>It accepts only {@code jdbc:nokv://} URLs. {@code jdbc:nokv:file:DIR} and {@code
 * jdbc:nokv:mem:NAME} (the database inside the application) belong to the embedded driver of
 * module {@code sql}, so both drivers can sit on one classpath.
 *
 * <p>Errors while connecting are {@link SQLException}s naming the server's {@code host:port}: a
 * malformed URL has SQLState 08001; no server listening there is a {@link
 * ServerUnreachableException} (08001); the server refusing the connection keeps the server's
 * SQLState (08004 when it gives none). Once connected, a connection the server has dropped (idle
 * too long, server restarted) is not {@code isValid()} and fails with 08003, a server that went
 * away with 08006, so that connection pools replace such connections.
 */
public final class NokvDriver implements Driver {
  /** The URL prefix this driver accepts. */
  public static final String URL_PREFIX = NokvUrl.PREFIX;
  /** The port {@code nokv server} listens on by default, used when the URL names none. */
  public static final int DEFAULT_PORT = 8765;

  static {
    try {
      DriverManager.registerDriver(new NokvDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  public NokvDriver() {}

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // JDBC: another driver's URL
    }
    NokvUrl parsed = NokvUrl.parse(url);
    ConnectionSettings settings = ConnectionSettings.of(parsed, info);
    Connection connection;
    try {
      connection = AvaticaConnector.Holder.INSTANCE.open(url, settings.clientConfig(), settings.serverProperties());
    } catch (RuntimeException e) {
      throw ConnectFailures.translate(parsed, e);
    }
    if (settings.schema() != null) {
      try {
        connection.setSchema(settings.schema());
        // Avatica sends the change with the next request; ask now, so that a schema the server
        // does not have fails the connect instead of the first statement.
        connection.getSchema();
      } catch (SQLException | RuntimeException e) {
        SQLException failure = new SQLException(
            "cannot use schema '" + settings.schema() + "' on the NoKV server at " + parsed.hostAndPort()
                + ": " + e.getMessage(),
            e instanceof SQLException s ? s.getSQLState() : null, e);
        try {
          connection.close();
        } catch (SQLException | RuntimeException closing) {
          failure.addSuppressed(closing);
        }
        throw failure;
      }
    }
    return connection;
  }

  /** True for {@code jdbc:nokv://} URLs, including malformed ones ({@link #connect} says what is wrong). */
  @Override
  public boolean acceptsURL(String url) throws SQLException {
    if (url == null) {
      throw new SQLException("the URL is null", NokvUrl.BAD_URL_STATE);
    }
    return NokvUrl.accepts(url);
  }

  /**
   * The properties a tool may offer to set, with the values {@code url} and {@code info} give
   * them (or the defaults). Any other property is passed to the server as it is.
   */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return new DriverPropertyInfo[0];
    }
    NokvUrl parsed = NokvUrl.parse(url);
    ConnectionSettings settings = ConnectionSettings.of(parsed, info);
    Properties client = settings.clientConfig();
    List<DriverPropertyInfo> list = new ArrayList<>();
    list.add(property("user", client.getProperty("user"), "User name, passed to the server."));
    list.add(property("password", client.getProperty("password"), "Password, passed to the server."));
    list.add(property(ConnectionSettings.SCHEMA, settings.schema(),
        "The connection's initial schema (also the /schema part of the URL)."));
    list.add(property(ConnectionSettings.CONNECT_TIMEOUT, client.getProperty(ConnectionSettings.CONNECT_TIMEOUT),
        "Milliseconds to wait for the TCP connection to the server."));
    list.add(property("http_response_timeout", client.getProperty("http_response_timeout", "180000"),
        "Milliseconds to wait for the server's answer to one request."));
    list.add(property("fetch_size", client.getProperty("fetch_size", "100"),
        "Rows fetched per round trip when reading a result set."));
    return list.toArray(new DriverPropertyInfo[0]);
  }

  private static DriverPropertyInfo property(String name, String value, String description) {
    DriverPropertyInfo p = new DriverPropertyInfo(name, value);
    p.description = description;
    p.required = false;
    return p;
  }

  @Override
  public int getMajorVersion() {
    return DriverVersionInfo.MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return DriverVersionInfo.MINOR;
  }

  /** False: the driver has not been through the JDBC compliance tests. */
  @Override
  public boolean jdbcCompliant() {
    return DriverVersionInfo.JDBC_COMPLIANT;
  }

  /**
   * The parent of every logger the driver uses. In the shaded jar the bundled libraries log through
   * a relocated SLF4J bound to {@code java.util.logging}, under names starting with {@code
   * io.nokv.jdbc.shaded}.
   */
  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("io.nokv.jdbc");
  }

  @Override
  public String toString() {
    return DriverVersionInfo.DRIVER_NAME + " " + DriverVersionInfo.VERSION;
  }
}
