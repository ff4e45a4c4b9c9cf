package io.nokv.server;

/** {@code host:port} as people and URLs write it: an IPv6 address goes in brackets. */
public final class HostPort {
  private HostPort() {}

  public static String format(String host, int port) {
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }
}
