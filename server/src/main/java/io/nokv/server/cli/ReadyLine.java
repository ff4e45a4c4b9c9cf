package io.nokv.server.cli;

import java.util.Map;
import java.util.StringJoiner;

/**
 * The one line {@code nokv server} prints on stdout once it serves:
 *
 * <pre>NoKV server ready: sql=HOST:PORT resp=HOST:PORT data=ABSOLUTE_DIR</pre>
 *
 * <p>Scripts and harnesses wait for it and take the endpoints from it (match {@code
 * sql=(\S+)}, {@code resp=(\S+)}), so its start and the existing keys stay as they are; {@code
 * resp=} is absent when the RESP gateway is off ({@code --resp-port -1}); new endpoints are
 * inserted before {@code data=} as more {@code key=value} pairs. Values are printed as they are: a
 * data directory with spaces in its path keeps them.
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
