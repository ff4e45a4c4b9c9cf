package io.nokv.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Small helpers the bench commands share: data-directory cleanup, one-line failure messages, the
 * machine description and the JSON report file.
 */
public final class BenchSupport {
  private BenchSupport() {}

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /** One line for a failure: its message, plus the root cause when that says more. */
  public static String oneLine(Throwable t) {
    String line = describe(t);
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootLine = describe(root);
    if (root != t && !line.contains(rootLine)) {
      line += " (caused by " + rootLine + ")";
    }
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl) + " ...";
  }

  /**
   * One line for a failure whose message is complete by contract (it names what failed): the
   * message's first line, plus the root cause (as {@link #oneLine}) when that adds something.
   */
  public static String messageLine(Throwable t) {
    String line = firstLine(t.getMessage());
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != t && !line.contains(firstLine(root.getMessage()))) {
      line += " (caused by " + oneLine(root) + ")";
    }
    return line;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip() + " ...";
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + msg;
  }

  /**
   * The data directory of one bench command: the one the user gave (created if missing and kept),
   * or a temporary one deleted on close and, should the JVM be stopped, by a shutdown hook.
   */
  public static final class DataDir implements AutoCloseable {
    private final Path path;
    private final Thread cleanup;

    public DataDir(Path given, String tempPrefix) throws IOException {
      if (given != null) {
        path = Files.createDirectories(given);
        cleanup = null;
      } else {
        path = Files.createTempDirectory(tempPrefix);
        cleanup = new Thread(() -> deleteRecursively(path), tempPrefix + "cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
      }
    }

    public Path path() {
      return path;
    }

    @Override
    public void close() {
      if (cleanup != null) {
        deleteRecursively(path);
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
  }

  /** The machine a report was measured on: cores, JVM, OS, maximum heap. */
  public static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    return m;
  }

  /**
   * Fails before a long run, not after it, when the JSON report cannot be written to {@code out}:
   * creates its directory, and throws {@link IllegalArgumentException} naming {@code option} when
   * {@code out} is a directory or not writable.
   */
  public static void checkReportWritable(Path out, String option) {
    Path parent = out.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + option + " " + out, e);
    }
    if (Files.isDirectory(out) || !Files.isWritable(parent) || (Files.exists(out) && !Files.isWritable(out))) {
      throw new IllegalArgumentException(option + " " + out + " is not a writable file");
    }
  }

  /**
   * The distinct values named in a comma-separated option, in order; blanks are skipped.
   *
   * @param byLabel the value of a label, or null when there is none
   * @param usage the command's usage error for a message
   */
  public static <T> List<T> parseLabels(List<String> raw, String option, String noun,
      java.util.function.Function<String, T> byLabel,
      List<String> labels, java.util.function.Function<String, RuntimeException> usage) {
    List<T> out = new java.util.ArrayList<>();
    for (String s : raw) {
      if (s.isBlank()) {
        continue;
      }
      T v = byLabel.apply(s);
      if (v == null) {
        throw usage.apply("unknown " + noun + " '" + s.trim() + "'; choose from " + String.join(", ", labels));
      }
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    if (out.isEmpty()) {
      throw usage.apply(option + " needs at least one " + noun);
    }
    return out;
  }

  /** Writes a command's JSON report and says where. */
  public static void writeReport(Path out, String json, java.io.PrintWriter w) {
    try {
      Files.writeString(out, json, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the JSON report to " + out, e);
    }
    w.println("JSON written to " + out.toAbsolutePath());
  }

  /** The median; the mean of the two middle values for an even count; NaN values are left out; NaN for none. */
  public static double median(double[] values) {
    double[] v = java.util.Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
    int n = v.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** {@code a / b} as a throughput ratio: NaN when either is NaN or {@code b} is 0. */
  public static double ratio(double a, double b) {
    return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a / b;
  }

  /**
   * {@code text} after {@code prefix}, wrapped at {@code width} columns, continuation lines indented
   * as deep as the prefix.
   */
  public static void printWrapped(java.io.PrintWriter w, String prefix, String text, int width) {
    String indent = " ".repeat(prefix.length());
    StringBuilder line = new StringBuilder(prefix);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (!empty && line.length() + 1 + word.length() > width) {
        w.println(line);
        line = new StringBuilder(indent);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    w.println(line);
  }
}
