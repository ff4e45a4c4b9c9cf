package io.nokv.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.calcite.avatica.DriverVersion;

/**
 * The driver's name and version, from {@code driver.properties} (filtered by Maven with the
 * project version), as {@link java.sql.Driver} and {@link java.sql.DatabaseMetaData} report them.
 *
 * <p>The "database" version reported is this driver's NoKV version: the remote protocol does not
 * tell the client which version the server runs.
 */
final class DriverVersionInfo {
  static final String DRIVER_NAME = "NoKV JDBC Driver";
  static final String PRODUCT_NAME = "NoKV";
  static final String VERSION = load();
  static final int MAJOR = component(VERSION, 0);
  static final int MINOR = component(VERSION, 1);
  /** We do not claim JDBC compliance: the driver has not passed the JDBC compliance tests. */
  static final boolean JDBC_COMPLIANT = false;

  private DriverVersionInfo() {}

  static DriverVersion avatica() {
    return new DriverVersion(
        DRIVER_NAME, VERSION, PRODUCT_NAME, VERSION, JDBC_COMPLIANT, MAJOR, MINOR, MAJOR, MINOR);
  }

  private static String load() {
    try (InputStream in = DriverVersionInfo.class.getResourceAsStream("driver.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "").strip();
      return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read io/nokv/jdbc/driver.properties", e);
    }
  }

  /** The {@code index}-th dot-separated number of {@code version} ("0.1.0-SNAPSHOT": 0, 1), else 0. */
  static int component(String version, int index) {
    String[] parts = version.split("[.-]");
    if (index >= parts.length) {
      return 0;
    }
    try {
      return Integer.parseInt(parts[index]);
    } catch (NumberFormatException e) {
      return 0; // "unknown": a build without resource filtering
    }
  }
}
