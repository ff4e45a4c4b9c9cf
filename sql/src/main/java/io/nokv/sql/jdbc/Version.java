package io.nokv.sql.jdbc;

/** The NoKV version, from the jar's manifest when there is one. */
final class Version {
  private Version() {}

  static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  static int major() {
    return 0;
  }

  static int minor() {
    return 1;
  }
}
