package io.nokv.server.resp.command;

/** TODO */
final class SetCommands {
  private SetCommands() {}

  static void register(CommandTable t) {}
}
