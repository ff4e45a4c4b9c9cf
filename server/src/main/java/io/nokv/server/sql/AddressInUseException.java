package io.nokv.server.sql;

/** Something else already listens on the address the SQL server was asked to bind. */
public final class AddressInUseException extends SqlServerException {
  private final String hostAndPort;

  AddressInUseException(String hostAndPort, Throwable cause) {
    super("cannot listen on " + hostAndPort + ": the address is already in use", cause);
    this.hostAndPort = hostAndPort;
  }

  /** The address asked for, as {@code host:port}. */
  public String hostAndPort() {
    return hostAndPort;
  }
}
