package io.nokv.server.resp.command;

/** TODO */
final class HashCommands {
  private HashCommands() {}

  static void register(CommandTable t) {}
}
