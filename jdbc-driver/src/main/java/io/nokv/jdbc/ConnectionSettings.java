package io.nokv.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.avatica.remote.AvaticaRemoteConnectionProperty;

/**
 * The properties of one connection, from the caller's {@link Properties} and the URL's query
 * (the URL wins, being the more specific), split by who reads them.
 *
 * <ul>
 *   <li>The <b>client configuration</b> is what Avatica's client reads: every property (Avatica
 *       ignores those it does not know) plus the fixed ones that make this driver what it is:
 *       {@code url} (the server's HTTP endpoint), {@code serialization=protobuf} and {@code
 *       factory} (our {@link ProtobufServiceFactory}). A caller may not set those three.
 *   <li>The <b>server properties</b> go to the server in the open-connection request and from
 *       there to the database's own driver: {@code user}, {@code password} and anything else that
 *       is not an Avatica client property and not {@code schema}.
 *   <li>The <b>schema</b> ({@code /schema} in the URL, or the {@code schema} property) is set with
 *       {@link java.sql.Connection#setSchema} once connected, because Avatica's remote client does
 *       not apply its {@code schema} property itself.
 * </ul>
 */
record ConnectionSettings(Properties clientConfig, Properties serverProperties, String schema) {
  static final String SCHEMA = "schema";
  /** How long to wait for the TCP connection to the server (Avatica's default is 3 minutes). */
  static final String CONNECT_TIMEOUT = BuiltInConnectionProperty.HTTP_CONNECTION_TIMEOUT.camelName();
  static final String DEFAULT_CONNECT_TIMEOUT_MS = "10000";

  private static final Set<String> FIXED =
      Set.of(
          BuiltInConnectionProperty.URL.camelName(),
          BuiltInConnectionProperty.SERIALIZATION.camelName(),
          BuiltInConnectionProperty.FACTORY.camelName());

  private static final Set<String> CLIENT_ONLY = clientOnlyNames();

  private static Set<String> clientOnlyNames() {
    Set<String> names = new HashSet<>();
    for (ConnectionProperty p : BuiltInConnectionProperty.values()) {
      names.add(p.camelName());
    }
    for (ConnectionProperty p : AvaticaRemoteConnectionProperty.values()) {
      names.add(p.camelName());
    }
    return Set.copyOf(names);
  }

  static ConnectionSettings of(NokvUrl url, Properties info) throws SQLException {
    Properties merged = new Properties();
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        merged.setProperty(key, info.getProperty(key));
      }
    }
    for (Map.Entry<String, String> e : url.params().entrySet()) {
      merged.setProperty(e.getKey(), e.getValue());
    }
    for (String key : FIXED) {
      if (merged.containsKey(key)) {
        throw new SQLNonTransientConnectionException(
            "the connection property '" + key + "' is fixed by the NoKV driver (it talks protobuf over"
                + " HTTP to the host and port of the URL " + url.url() + "); remove it",
            NokvUrl.BAD_URL_STATE);
      }
    }
    String schema = url.schema() != null ? url.schema() : merged.getProperty(SCHEMA);
    if (url.schema() != null && merged.containsKey(SCHEMA) && !url.schema().equals(merged.getProperty(SCHEMA))) {
      throw new SQLNonTransientConnectionException(
          "the URL " + url.url() + " names schema '" + url.schema() + "' but the 'schema' property says '"
              + merged.getProperty(SCHEMA) + "'",
          NokvUrl.BAD_URL_STATE);
    }

    Properties client = new Properties();
    client.putAll(merged);
    client.remove(SCHEMA);
    client.setProperty(BuiltInConnectionProperty.URL.camelName(), url.httpUrl());
    client.setProperty(BuiltInConnectionProperty.SERIALIZATION.camelName(), "protobuf");
    client.setProperty(BuiltInConnectionProperty.FACTORY.camelName(), ProtobufServiceFactory.class.getName());
    if (!client.containsKey(CONNECT_TIMEOUT)) {
      client.setProperty(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_MS);
    }

    Properties server = new Properties();
    for (String key : merged.stringPropertyNames()) {
      if (!CLIENT_ONLY.contains(key) && !key.equals(SCHEMA)) {
        server.setProperty(key, merged.getProperty(key));
      }
    }
    return new ConnectionSettings(client, server, schema);
  }
}
