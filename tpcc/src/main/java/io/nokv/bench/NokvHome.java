package io.nokv.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The NoKV repository whose {@code nokv} launcher and {@code scripts/peers.sh} start the servers:
 * the system property {@value #PROPERTY} (the {@code ./nokv} launcher sets it), else the first of
 * the current directory and its parents that holds both files.
 */
public final class NokvHome {
  public static final String PROPERTY = "nokv.home";

  private NokvHome() {}

  /** The repository root, or null when there is none to be found. */
  public static Path find() {
    String prop = System.getProperty(PROPERTY);
    if (prop != null && !prop.isBlank()) {
      Path p = Path.of(prop).toAbsolutePath().normalize();
      return isHome(p) ? p : null;
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (isHome(p)) {
        return p;
      }
    }
    return null;
  }

  public static boolean isHome(Path p) {
    return Files.isRegularFile(p.resolve("nokv")) && Files.isRegularFile(p.resolve("scripts").resolve("peers.sh"));
  }

  /** Where {@link #find} looked, for an error message. */
  public static String whereLooked() {
    String prop = System.getProperty(PROPERTY);
    return prop != null && !prop.isBlank()
        ? "-D" + PROPERTY + "=" + prop + " holds no nokv launcher and scripts/peers.sh"
        : "no -D" + PROPERTY + " (the ./nokv launcher sets it), and neither " + Path.of("").toAbsolutePath()
            + " nor a parent holds the nokv launcher and scripts/peers.sh";
  }
}
