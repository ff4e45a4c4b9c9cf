package io.nokv.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for servers that cannot pick their own. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /**
   * A port that was free a moment ago. Another process may take it before the server binds it; the
   * callers retry on "address in use".
   */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on the loopback interface", e);
    }
  }
}
