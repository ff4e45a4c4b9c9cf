package io.nokv.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nokv bench}: the parent of the benchmark commands. It has none of its own; they come
 * from {@link io.nokv.kv.spi.CliCommandProvider}s whose {@code parent()} is {@value #NAME}
 * (module {@code tpcc} adds {@code ycsb}). Without any, it says where they come from.
 */
@Command(
    name = BenchCommand.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Run benchmarks. The commands are found at run time on the classpath.")
final class BenchCommand implements Callable<Integer> {
  static final String NAME = "bench";

  static final String NONE_INSTALLED =
      "no benchmark commands are installed: they come from the nokv-tpcc module"
          + " (io.nokv.kv.spi.CliCommandProvider services); run through ./nokv, which puts"
          + " tpcc on the classpath";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    if (cl.getSubcommands().isEmpty()) {
      cl.getErr().println("nokv bench: " + NONE_INSTALLED);
      return NokvMain.EXIT_ERROR;
    }
    cl.getErr().println("nokv bench: missing command; one of: " + String.join(", ", cl.getSubcommands().keySet()));
    cl.usage(cl.getErr());
    return NokvMain.EXIT_USAGE;
  }
}
