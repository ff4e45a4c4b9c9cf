package io.nokv.server.resp.command;

/** TODO */
final class ServerCommands {
  private ServerCommands() {}

  static void register(CommandTable t) {}
}
