package io.nokv.server.resp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters for INFO: per command (as INFO commandstats prints them) and totals. */
public final class RespStats {
  /** Calls, microseconds spent running and failures of one command. */
  public static final class CommandCounters {
    public final LongAdder calls = new LongAdder();
    public final LongAdder micros = new LongAdder();
    public final LongAdder failed = new LongAdder();
    public final LongAdder rejected = new LongAdder();
  }

  private final Map<String, CommandCounters> commands = new ConcurrentHashMap<>();
  public final LongAdder connectionsReceived = new LongAdder();
  public final LongAdder connectionsRejected = new LongAdder();
  public final LongAdder commandsProcessed = new LongAdder();
  public final LongAdder expiredKeys = new LongAdder();
  public final LongAdder reclaimedMembers = new LongAdder();
  public final LongAdder conflictRetries = new LongAdder();
  public final LongAdder keyspaceHits = new LongAdder();
  public final LongAdder keyspaceMisses = new LongAdder();

  public CommandCounters command(String name) {
    return commands.computeIfAbsent(name, k -> new CommandCounters());
  }

  /** A copy of the per-command counters, by name. */
  public Map<String, CommandCounters> commands() {
    return new TreeMap<>(commands);
  }

  /** CONFIG RESETSTAT: every counter back to zero. */
  public void reset() {
    commands.clear();
    for (LongAdder a : List.of(connectionsReceived, connectionsRejected, commandsProcessed, expiredKeys,
        reclaimedMembers, conflictRetries, keyspaceHits, keyspaceMisses)) {
      a.reset();
    }
  }
}
