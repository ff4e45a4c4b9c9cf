package io.nokv.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed {@code jdbc:nokv://host[:port][/schema][?key=value&...]} URL.
 *
 * <ul>
 *   <li>{@code host}: a name, an IPv4 address, or an IPv6 address in brackets ({@code [::1]}).
 *   <li>{@code port}: 1 to 65535; {@value NokvDriver#DEFAULT_PORT} when omitted (the port {@code
 *       nokv server} listens on by default).
 *   <li>{@code /schema}: the connection's initial schema, percent-decoded; optional.
 *   <li>{@code ?key=value&...}: connection properties, percent-decoded ({@code +} is a space); a
 *       key may appear once.
 * </ul>
 *
 * <p>Only URLs starting with {@value #PREFIX} are ours: {@code jdbc:nokv:file:} and {@code
 * jdbc:nokv:mem:} belong to the embedded driver in module {@code sql}. Anything malformed after the
 * prefix is an {@link SQLNonTransientConnectionException} with SQLState {@value #BAD_URL_STATE}
 * that quotes the URL and says what is wrong.
 */
record NokvUrl(String url, String host, int port, String schema, Map<String, String> params) {
  static final String PREFIX = "jdbc:nokv://";
  static final String FORMAT = PREFIX + "host[:port][/schema][?key=value&...]";
  /** SQL-client unable to establish SQL-connection. */
  static final String BAD_URL_STATE = "08001";

  NokvUrl {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /** Parses {@code url}, which must start with {@value #PREFIX}. */
  static NokvUrl parse(String url) throws SQLException {
    if (!accepts(url)) {
      throw bad(url, "it does not start with " + PREFIX);
    }
    String rest = url.substring(PREFIX.length());
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String authority = rest;
    String path = null;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      authority = rest.substring(0, slash);
      path = rest.substring(slash + 1);
    }
    if (authority.contains("@")) {
      throw bad(url, "user information in the URL is not supported; pass 'user' and 'password' as properties");
    }
    String host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw bad(url, "an IPv6 address needs a closing ']'");
      }
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw bad(url, "expected ':port' after ']'");
        }
        portText = after.substring(1);
      }
    } else {
      int colon = authority.indexOf(':');
      if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
        throw bad(url, "an IPv6 address must be written in brackets, e.g. jdbc:nokv://[::1]:8765");
      }
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw bad(url, "the host is missing");
    }
    int port = portText == null ? NokvDriver.DEFAULT_PORT : parsePort(url, portText);
    String schema = null;
    if (path != null && !path.isEmpty()) {
      if (path.contains("/")) {
        throw bad(url, "the path may only name a schema, as in /myschema");
      }
      schema = decode(url, path.replace("+", "%2B"));
    }
    return new NokvUrl(url, host, port, schema, parseQuery(url, query));
  }

  private static int parsePort(String url, String text) throws SQLException {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad(url, "the port '" + text + "' is not a number from 1 to 65535");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw bad(url, "the port " + port + " is not from 1 to 65535");
    }
    return port;
  }

  private static Map<String, String> parseQuery(String url, String query) throws SQLException {
    Map<String, String> params = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue; // "a=1&&b=2" or a trailing '&': harmless
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw bad(url, "the parameter '" + pair + "' is not of the form key=value");
      }
      String key = decode(url, pair.substring(0, eq));
      String value = decode(url, pair.substring(eq + 1));
      if (params.putIfAbsent(key, value) != null) {
        throw bad(url, "the parameter '" + key + "' is given twice");
      }
    }
    return params;
  }

  private static String decode(String url, String s) throws SQLException {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw bad(url, "bad percent-encoding in '" + s + "'");
    }
  }

  private static SQLException bad(String url, String reason) {
    return new SQLNonTransientConnectionException(
        "invalid NoKV URL '" + url + "': " + reason + " (expected " + FORMAT + ")", BAD_URL_STATE);
  }

  /** {@code host:port} as people write it, with brackets around an IPv6 address. */
  String hostAndPort() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The Avatica server's HTTP endpoint. */
  String httpUrl() {
    return "http://" + hostAndPort();
  }
}
