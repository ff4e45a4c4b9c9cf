package io.nokv.sql.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The minimum number of passing queries per sqllogictest file ({@code slt/thresholds.properties},
 * {@code corpus path = count}). A file whose pass count drops below its threshold fails {@link
 * SqlLogicTest}; a file without an entry is reported but not checked.
 *
 * <p>Regenerate after an improvement with {@code -Dnokv.slt.updateThresholds=true}: the entries of
 * the files that ran are set to their pass counts, the other entries are kept.
 */
final class Thresholds {
  static final String RESOURCE = "slt/thresholds.properties";
  private static final Path SOURCE = Path.of("src/test/resources", RESOURCE);

  private final Map<String, Integer> minimum;

  private Thresholds(Map<String, Integer> minimum) {
    this.minimum = minimum;
  }

  /** Loads the thresholds from the test class path (none if the resource is missing). */
  static Thresholds load() throws IOException {
    Map<String, Integer> m = new TreeMap<>();
    try (InputStream in = Thresholds.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String key : p.stringPropertyNames()) {
          m.put(key, Integer.parseInt(p.getProperty(key).trim()));
        }
      }
    }
    return new Thresholds(m);
  }

  /** The threshold of {@code file}, or null if none is recorded. */
  Integer get(String file) {
    return minimum.get(file);
  }

  /**
   * Rewrites the source file ({@code src/test/resources/slt/thresholds.properties} under the
   * module directory, which is Surefire's working directory) with the pass counts of {@code
   * results} merged in. Returns the path written.
   */
  Path update(List<SltRunner.FileResult> results, String url) throws IOException {
    Path target = Files.isDirectory(Path.of("src/test/resources")) ? SOURCE : Path.of("sql").resolve(SOURCE);
    Map<String, Integer> merged = new TreeMap<>(minimum);
    for (SltRunner.FileResult r : results) {
      merged.put(r.file(), r.passed());
    }
    StringBuilder b = new StringBuilder();
    b.append("# Minimum passing queries per sqllogictest file; SqlLogicTest fails a file below its\n");
    b.append("# threshold. Regenerate: ./mvnw -o test -pl sql -Dtest=SqlLogicTest\n");
    b.append("#   -Dnokv.slt.updateThresholds=true [-Pslt-full] (rewrites the files that ran).\n");
    b.append("# 0 = no NoKV run recorded yet. Other engines' counts: slt/README.md.\n");
    b.append("# Last written from a run against ").append(url.replaceAll("_[a-z0-9]+$", "_*")).append('\n');
    for (Map.Entry<String, Integer> e : merged.entrySet()) {
      b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, b);
    return target;
  }
}
