package io.nokv.server.cli;

import io.nokv.kv.spi.CliCommandProvider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;

/**
 * Attaches the commands of {@link CliCommandProvider}s to the {@code nokv} command tree. A
 * provider names its parent ({@code "bench"}, or empty for the top level); commands are added in
 * name order so that help output does not depend on classpath order. A provider naming a parent
 * that does not exist is skipped with a warning, because one stray jar must not break the CLI.
 */
final class CommandRegistry {
  private CommandRegistry() {}

  static void register(CommandLine root, Iterable<CliCommandProvider> providers, PrintWriter err) {
    record Found(String parent, CommandLine command, String provider) {}
    List<Found> found = new ArrayList<>();
    for (CliCommandProvider provider : providers) {
      Object command = provider.command();
      CommandLine cl = command instanceof CommandLine c ? c : new CommandLine(command);
      String parent = provider.parent() == null ? "" : provider.parent();
      found.add(new Found(parent, cl, provider.getClass().getName()));
    }
    found.sort(Comparator.comparing((Found f) -> f.parent).thenComparing(f -> f.command.getCommandName()));
    for (Found f : found) {
      CommandLine parent = f.parent.isEmpty() ? root : root.getSubcommands().get(f.parent);
      if (parent == null) {
        err.println("nokv: warning: ignoring command '" + f.command.getCommandName() + "' of "
            + f.provider + ": there is no parent command '" + f.parent + "'");
        continue;
      }
      parent.addSubcommand(f.command);
    }
    CommandLine bench = root.getSubcommands().get(BenchCommand.NAME);
    if (bench != null && bench.getSubcommands().isEmpty()) {
      bench.getCommandSpec().usageMessage().footer("", "Note: " + BenchCommand.NONE_INSTALLED + ".");
    }
  }
}
