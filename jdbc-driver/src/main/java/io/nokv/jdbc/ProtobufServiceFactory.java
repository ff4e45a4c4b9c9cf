package io.nokv.jdbc;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.Service;

/**
 * Creates the {@link Service} through which one connection talks to the server: Avatica's
 * protobuf-over-HTTP client with {@link WireNameTranslation}, whatever the {@code serialization}
 * property says.
 *
 * <p>Public with a public constructor only because Avatica instantiates it by class name (the
 * {@code factory} connection property, set by {@link ConnectionSettings}); not an API.
 */
public final class ProtobufServiceFactory implements Service.Factory {
  public ProtobufServiceFactory() {}

  @Override
  public Service create(AvaticaConnection connection) {
    ConnectionConfig config = connection.config();
    URL url;
    try {
      url = new URI(config.url()).toURL();
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("bad NoKV server endpoint '" + config.url() + "'", e);
    }
    AvaticaHttpClient http =
        config.httpClientFactory().getClient(url, config, connection.getKerberosConnection());
    return new RemoteProtobufService(http, new WireNameTranslation());
  }
}
