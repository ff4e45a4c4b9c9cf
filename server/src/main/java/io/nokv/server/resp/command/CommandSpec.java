package io.nokv.server.resp.command;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One command: its name, Redis's arity (positive: exactly that many arguments with the name;
 * negative: at least minus that many), flags, key positions (for COMMAND INFO: first, last
 * (negative counts from the end), step; 0 0 0 when it takes no keys) and the handler.
 */
public record CommandSpec(String name, int arity, Set<Flag> flags, int firstKey, int lastKey, int step,
    CommandHandler handler) {

  /** What a command does, as far as the gateway must know before running it. */
  public enum Flag {
    /** Changes data: runs in a read-write transaction; refused inside MULTI? no: queued. */
    WRITE,
    /** Only reads data. */
    READONLY,
    /** Touches no data (PING, CLIENT, HELLO...): runs without a transaction. */
    CONNECTION,
    /** Allowed before AUTH when a password is set (AUTH, HELLO, QUIT, RESET). */
    NO_AUTH,
    /** Not queued by MULTI: runs at once even inside MULTI (EXEC, DISCARD, MULTI, WATCH...). */
    TRANSACTION_CONTROL,
    /** Administrative (FLUSHALL, CONFIG...). */
    ADMIN,
    /** O(1) or O(log N). */
    FAST
  }

  public CommandSpec {
    name = name.toLowerCase(Locale.ROOT);
    flags = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
  }

  public boolean has(Flag flag) {
    return flags.contains(flag);
  }

  /** Whether {@code argc} arguments (with the name) fit the arity. */
  public boolean arityAccepts(int argc) {
    return arity >= 0 ? argc == arity : argc >= -arity;
  }

  /** A data command reading and writing keys args[first..last] by step. */
  public static CommandSpec write(String name, int arity, int firstKey, int lastKey, int step, CommandHandler h) {
    return new CommandSpec(name, arity, EnumSet.of(Flag.WRITE), firstKey, lastKey, step, h);
  }

  /** A data command that only reads. */
  public static CommandSpec read(String name, int arity, int firstKey, int lastKey, int step, CommandHandler h) {
    return new CommandSpec(name, arity, EnumSet.of(Flag.READONLY), firstKey, lastKey, step, h);
  }

  /**
   * A data command that only reads, in O(1) or O(log N) (Redis's {@code fast} flag): when it is
   * the only request a connection has waiting, it runs on the event loop, without a thread hop.
   */
  public static CommandSpec fastRead(String name, int arity, int firstKey, int lastKey, int step, CommandHandler h) {
    return new CommandSpec(name, arity, EnumSet.of(Flag.READONLY, Flag.FAST), firstKey, lastKey, step, h);
  }

  /** A command that touches no data. */
  public static CommandSpec connection(String name, int arity, CommandHandler h, Flag... more) {
    EnumSet<Flag> f = EnumSet.of(Flag.CONNECTION);
    f.addAll(Set.of(more));
    return new CommandSpec(name, arity, f, 0, 0, 0, h);
  }
}
