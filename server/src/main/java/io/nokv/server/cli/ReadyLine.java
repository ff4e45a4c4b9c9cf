package io.nokv.server.cli;

import java.util.Map;
import java.util.StringJoiner;

/**
 * The one line {@code nokv server} prints on stdout once it serves:
 *
 * <pre>NoKV server ready: sql=HOST:PORT data=ABSOLUTE_DIR</pre>
 *
 * <p>Scripts and harnesses wait for it and take the endpoints from it (match {@code
 * sql=(\S+)}), so its start and the existing keys stay as they are; new endpoints are appended as
 * more {@code key=value} pairs (the RESP gateway will add {@code resp=HOST:PORT}). Values are
 * printed as they are: a data directory with spaces in its path keeps them.
 */
final class ReadyLine {
  static final String PREFIX = "NoKV server ready:";

  private ReadyLine() {}

  /** The line for {@code endpoints} in their iteration order (use an ordered map). */
  static String format(Map<String, String> endpoints) {
    StringJoiner line = new StringJoiner(" ", PREFIX + " ", "");
    endpoints.forEach((key, value) -> line.add(key + "=" + value));
    return line.toString();
  }
}
