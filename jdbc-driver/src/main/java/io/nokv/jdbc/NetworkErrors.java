package io.nokv.jdbc;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;

/** Recognises, in the causes Avatica wraps, that the server could not be reached or went away. */
final class NetworkErrors {
  private NetworkErrors() {}

  /**
   * The deepest socket-level cause in {@code t}'s chain (refused, unknown host, no route, timed
   * out, reset), or null when the failure is not about the network.
   */
  static Throwable networkCause(Throwable t) {
    Throwable found = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ConnectException || c instanceof NoRouteToHostException || c instanceof UnknownHostException
          || c instanceof InterruptedIOException || c instanceof SocketException) {
        found = c;
      }
    }
    return found;
  }

  /** A short reason for {@code cause}: its message without HttpClient's "Connect to URL failed: ". */
  static String reason(Throwable cause, String fallback) {
    String m = cause.getMessage();
    if (m == null || m.isBlank()) {
      return fallback;
    }
    int failed = m.lastIndexOf(" failed: ");
    String reason = failed >= 0 ? m.substring(failed + " failed: ".length()) : m;
    int nl = reason.indexOf('\n');
    return (nl < 0 ? reason : reason.substring(0, nl)).strip();
  }
}
