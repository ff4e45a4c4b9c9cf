package io.nokv.jdbc;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.remote.Service;

/**
 * Opens Avatica remote connections for {@link NokvDriver}. It extends Avatica's remote driver
 * only to reuse its connection and metadata machinery ({@code createMeta}, whose {@code
 * RemoteMeta} is not public), never as a registered driver: {@link #open} takes properties that
 * {@link ConnectionSettings} has already split instead of an Avatica connect string.
 *
 * <p>Unlike Avatica's {@code Driver.connect}, {@link #open} has no client-side load-balancer retry
 * loop and logs nothing: the caller turns failures into one {@link SQLException}.
 */
final class AvaticaConnector extends org.apache.calcite.avatica.remote.Driver {
  /**
   * The one instance, created on first use so that loading {@link NokvDriver} (which {@link
   * DriverManager} does for every driver on the classpath) does not load Avatica.
   */
  static final class Holder {
    static final AvaticaConnector INSTANCE = create();

    private Holder() {}
  }

  private static AvaticaConnector create() {
    AvaticaConnector connector = new AvaticaConnector();
    if (WireNameTranslation.isRelocated()) {
      deregisterBundledAvaticaDriver();
    }
    return connector;
  }

  /**
   * Loading Avatica's remote driver class registers an instance of it with {@link
   * DriverManager}. In the shaded jar that is our relocated copy, which would then answer {@code
   * jdbc:avatica:remote:} URLs in the application, but with message names no server understands
   * (see {@link WireNameTranslation}). So we remove it; a real Avatica on the classpath is not
   * affected (a different class).
   */
  private static void deregisterBundledAvaticaDriver() {
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      if (d.getClass() == org.apache.calcite.avatica.remote.Driver.class) {
        try {
          DriverManager.deregisterDriver(d);
        } catch (SQLException e) {
          throw new IllegalStateException("cannot deregister the bundled Avatica driver " + d, e);
        }
      }
    }
  }

  /** Avatica's JDBC object factory, with our {@link NokvDatabaseMetaData}. */
  @Override
  protected AvaticaFactory createFactory() {
    return new NokvAvaticaFactory(super.createFactory());
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return DriverVersionInfo.avatica();
  }

  /**
   * A new connection to the server named by {@code clientConfig}'s {@code url}: creates the
   * client-side connection (which builds the HTTP service through {@link ProtobufServiceFactory})
   * and asks the server to open its side with {@code serverProperties}. Network and server
   * errors surface as the unchecked exceptions Avatica throws.
   *
   * @param url the URL the connection reports in {@code DatabaseMetaData.getURL()}
   */
  AvaticaConnection open(String url, Properties clientConfig, Properties serverProperties) throws SQLException {
    AvaticaConnection connection = factory.newConnection(this, factory, url, clientConfig);
    handler.onConnectionInit(connection);
    connection.getService().apply(
        new Service.OpenConnectionRequest(
            connection.id, Service.OpenConnectionRequest.serializeProperties(serverProperties)));
    return connection;
  }
}
