package io.nokv.server.resp;

/** Something else already listens on the address the RESP gateway was asked to bind. */
public final class RespAddressInUseException extends RuntimeException {
  private final String hostAndPort;

  RespAddressInUseException(String hostAndPort, Throwable cause) {
    super("cannot listen on " + hostAndPort + ": the address is already in use", cause);
    this.hostAndPort = hostAndPort;
  }

  /** The address asked for, as {@code host:port}. */
  public String hostAndPort() {
    return hostAndPort;
  }
}
