package io.nokv.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Checks the drop-in jar {@code target/nokv-jdbc.jar} that the shade plugin builds (run by
 * failsafe after {@code package}): what it contains, and that the driver works from it alone.
 */
class ShadedJarIT {
  private static final String OURS = "io/nokv/jdbc/";
  private static final String SHADED = "io/nokv/jdbc/shaded/";

  private static Path jar() {
    String path = System.getProperty("nokv.jdbc.shadedJar");
    assertNotNull(path, "failsafe passes nokv.jdbc.shadedJar");
    Path jar = Path.of(path);
    assertTrue(Files.isRegularFile(jar), jar + " missing: run through mvn verify");
    return jar;
  }

  @Test
  void everyClassIsOursOrRelocated() throws IOException {
    List<String> unexpected = new ArrayList<>();
    int relocated = 0;
    try (JarFile jar = new JarFile(jar().toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.endsWith("/")) {
          continue;
        }
        if (name.startsWith(SHADED)) {
          relocated++;
        } else if (name.startsWith(OURS) || name.startsWith("META-INF/")
            // httpclient5's public suffix list: data it loads by this path, not code.
            || name.equals("org/publicsuffix/list/effective_tld_names.dat")) {
          if (name.startsWith("META-INF/versions/") || name.endsWith("module-info.class")) {
            unexpected.add(name);
          }
        } else {
          unexpected.add(name);
        }
      }
    }
    assertEquals(List.of(), unexpected, "entries outside io/nokv/jdbc and META-INF");
    for (String pkg : new String[] {
        "org/apache/calcite/avatica/remote/", "com/google/protobuf/", "com/fasterxml/jackson/databind/",
        "org/apache/hc/client5/", "org/slf4j/jul/", "org/joou/"}) {
      assertTrue(hasEntryUnder(SHADED + pkg), "relocated " + pkg);
    }
    assertTrue(relocated > 1000, "relocated entries: " + relocated);
  }

  @Test
  void theOnlyDriverServiceIsNokvDriver() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      assertEquals("io.nokv.jdbc.NokvDriver", read(jar, "META-INF/services/java.sql.Driver").strip());
      // Other service files are the bundled libraries', renamed and rewritten by the relocation.
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.startsWith("META-INF/services/") && !name.endsWith("/") && !name.endsWith("/java.sql.Driver")) {
          assertTrue(name.startsWith("META-INF/services/io.nokv.jdbc.shaded."), name);
          for (String line : read(jar, name).strip().split("\n")) {
            assertTrue(line.isBlank() || line.startsWith("#") || line.startsWith("io.nokv.jdbc.shaded."), name + ": " + line);
          }
        }
      }
    }
  }

  /** The driver loaded from the jar alone (no Avatica, Jackson, protobuf... on the class path). */
  @Test
  void driverWorksFromTheJarAlone() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        AvaticaH2Server server = new AvaticaH2Server()) {
      assertThrows(ClassNotFoundException.class,
          () -> Class.forName("org.apache.calcite.avatica.remote.Driver", false, loader));
      Driver driver = (Driver) Class.forName("io.nokv.jdbc.NokvDriver", true, loader).getConstructor().newInstance();
      assertTrue(driver.acceptsURL(server.url()));
      try (Connection c = driver.connect(server.url(), new Properties()); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kv (k VARCHAR(10) PRIMARY KEY, v INT)");
        s.executeUpdate("INSERT INTO kv VALUES ('a', 1)");
        c.setAutoCommit(false);
        s.executeUpdate("INSERT INTO kv VALUES ('b', 2)");
        c.rollback();
        c.setAutoCommit(true);
        try (ResultSet rs = s.executeQuery("SELECT k, v FROM kv")) {
          assertTrue(rs.next());
          assertEquals("a", rs.getString(1));
          assertEquals(1, rs.getInt(2));
          assertTrue(!rs.next());
        }
        try (ResultSet rs = c.getMetaData().getTables(null, null, "KV", null)) {
          assertTrue(rs.next());
        }
        assertEquals("NoKV JDBC Driver", c.getMetaData().getDriverName());
      }
      // A relocated Avatica error still reaches the caller as an SQLException.
      try (Connection c = driver.connect(server.url(), new Properties()); Statement s = c.createStatement()) {
        assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nope"));
      }
    }
  }

  private static boolean hasEntryUnder(String prefix) {
    try (JarFile jar = new JarFile(jar().toFile())) {
      return jar.stream().anyMatch(e -> e.getName().startsWith(prefix));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String read(JarFile jar, String name) throws IOException {
    JarEntry entry = jar.getJarEntry(name);
    assertNotNull(entry, name);
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
