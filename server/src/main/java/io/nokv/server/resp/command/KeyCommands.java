package io.nokv.server.resp.command;

/** TODO */
final class KeyCommands {
  private KeyCommands() {}

  static void register(CommandTable t) {}
}
