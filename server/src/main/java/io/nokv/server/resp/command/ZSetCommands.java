package io.nokv.server.resp.command;

/** TODO */
final class ZSetCommands {
  private ZSetCommands() {}

  static void register(CommandTable t) {}
}
