package io.nokv.bench.jmh;

import io.nokv.bench.BenchVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code nokv bench jmh [JMH arguments]}: runs the JMH microbenchmarks jar ({@code
 * tpcc/target/nokv-benchmarks.jar}, main class {@code org.openjdk.jmh.Main}) in a forked JVM of
 * the same Java, passing every argument through, and returns its exit code.
 */
@Command(
    name = "jmh",
    mixinStandardHelpOptions = true,
    versionProvider = BenchVersion.class,
    description = {
      "JMH microbenchmarks of the engine (memtable insert, SST point get cached/uncached, iterator scan).",
      "",
      "Runs java -jar tpcc/target/nokv-benchmarks.jar with the given arguments, e.g.:",
      "  nokv bench jmh PointGet -p cache=cached",
      "  nokv bench jmh -- -l        (JMH's own options after --; -h here is this help)"
    })
public final class JmhCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments for org.openjdk.jmh.Main.")
  List<String> args = new ArrayList<>();

  /** The command, parsing unknown options as JMH arguments. */
  public static CommandLine commandLine() {
    return new CommandLine(new JmhCommand()).setUnmatchedOptionsArePositionalParams(true);
  }

  @Override
  public Integer call() throws Exception {
    Path jar = benchmarksJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("benchmarks jar not found at " + jar
          + "; build it with ./mvnw -B -DskipTests -pl tpcc -am package");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    Process p = new ProcessBuilder(command).inheritIO().start();
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  /** Next to the tpcc jar, or under {@code -Dnokv.home} (set by ./nokv). */
  static Path benchmarksJar() throws java.net.URISyntaxException {
    String home = System.getProperty("nokv.home");
    if (home != null) {
      return Path.of(home, "tpcc", "target", "nokv-benchmarks.jar");
    }
    // target/nokv-tpcc.jar or target/classes: either way the jar is in target/.
    Path self = Path.of(JmhCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return self.getParent().resolve("nokv-benchmarks.jar");
  }
}
