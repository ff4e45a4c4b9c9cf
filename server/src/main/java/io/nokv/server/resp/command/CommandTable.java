package io.nokv.server.resp.command;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The commands the gateway knows, by lower-case name. */
public final class CommandTable {
  private final Map<String, CommandSpec> commands = new TreeMap<>();

  /** Every command the gateway supports. */
  public static CommandTable standard() {
    CommandTable t = new CommandTable();
    StringCommands.register(t);
    KeyCommands.register(t);
    HashCommands.register(t);
    SetCommands.register(t);
    ZSetCommands.register(t);
    ListCommands.register(t);
    TransactionCommands.register(t);
    ConnectionCommands.register(t);
    ServerCommands.register(t);
    return t;
  }

  public void register(CommandSpec spec) {
    if (commands.putIfAbsent(spec.name(), spec) != null) {
      throw new IllegalStateException("command " + spec.name() + " registered twice");
    }
  }

  /** The command named {@code name} (any case), or null. */
  public CommandSpec lookup(String name) {
    return commands.get(name.toLowerCase(Locale.ROOT));
  }

  public Collection<CommandSpec> all() {
    return Collections.unmodifiableCollection(commands.values());
  }

  public int size() {
    return commands.size();
  }
}
