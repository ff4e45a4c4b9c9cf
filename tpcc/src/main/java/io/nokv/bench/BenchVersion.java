package io.nokv.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} of the bench commands: the project version Maven filtered in at build time. */
public final class BenchVersion implements IVersionProvider {
  /** The NoKV version, or {@code "unknown"}. */
  public static String projectVersion() {
    try (InputStream in = BenchVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isBlank() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version.properties", e);
    }
    return "unknown";
  }

  @Override
  public String[] getVersion() {
    return new String[] {"nokv " + projectVersion()};
  }
}
