package io.nokv.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the project version, from {@code version.properties} that Maven filters at
 * build time (so it also works from {@code target/classes}), else the jar manifest.
 */
public final class VersionProvider implements IVersionProvider {
  /** The NoKV version, or {@code "unknown"} when built without Maven's resource filtering. */
  public static String projectVersion() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isBlank() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read version.properties", e);
    }
    String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
    return fromManifest != null ? fromManifest : "unknown";
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "nokv " + projectVersion(),
      "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
          + " (" + System.getProperty("java.home") + ")",
      "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
          + System.getProperty("os.arch")
    };
  }
}
