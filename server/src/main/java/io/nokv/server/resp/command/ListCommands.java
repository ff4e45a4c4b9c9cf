package io.nokv.server.resp.command;

/** TODO */
final class ListCommands {
  private ListCommands() {}

  static void register(CommandTable t) {}
}
