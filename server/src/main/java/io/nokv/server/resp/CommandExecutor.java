package io.nokv.server.resp;

import io.nokv.server.resp.command.Args;
import io.nokv.server.resp.command.CommandContext;
import io.nokv.server.resp.command.CommandSpec;
import io.nokv.server.resp.command.CommandSpec.Flag;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RespFormatException;
import io.nokv.server.resp.store.RespKeys;
import io.nokv.txn.Txn;
import io.nokv.txn.TxnException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands for a session: lookup, arity, AUTH and MULTI queueing, then the command in its own
 * transaction (retried on write conflicts, as Redis never fails a command for a concurrent one), or
 * a whole EXEC in one.
 */
public final class CommandExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
  /** How long a command keeps retrying write conflicts before it answers an error. */
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** How often a group runs again after a write conflict before its commands run one by one. */
  private static final int GROUP_ATTEMPTS = 3;

  private final Gateway gateway;
  /** Concurrent single-key writes of one key, from different connections, share a transaction. */
  private final KeyWriteCombiner combiner = new KeyWriteCombiner(
      item -> runAlone(item.session, lookup(item.args), item.args),
      (items, unused) -> executeGroup(items.stream().map(i -> i.session).toList(),
          items.stream().map(i -> i.args).toList(), false));

  CommandExecutor(Gateway gateway) {
    this.gateway = gateway;
  }

  public Gateway gateway() {
    return gateway;
  }

  /** The spec of the command {@code args} names, or null when unknown. */
  public CommandSpec lookup(Args args) {
    return gateway.commands().lookup(args.string(0));
  }

  /** Runs (or, inside MULTI, queues) one command and returns its reply. */
  public Reply execute(ClientSession session, Args args) {
    CommandSpec spec = lookup(args);
    session.touched(spec == null ? args.name() : spec.name(), System.currentTimeMillis());
    Reply refused = check(session, spec, args);
    if (refused != null) {
      if (session.inMulti() && (spec == null || !spec.has(Flag.TRANSACTION_CONTROL))) {
        session.markMultiFailed();
      }
      if (spec != null) {
        gateway.stats().command(spec.name()).rejected.increment();
      }
      return refused;
    }
    if (session.inMulti() && !spec.has(Flag.TRANSACTION_CONTROL)) {
      session.queue(args);
      return Reply.QUEUED;
    }
    return timed(spec, () -> {
      if (spec.has(Flag.CONNECTION) || spec.has(Flag.TRANSACTION_CONTROL)) {
        return spec.handler().run(new CommandContext(args, null, session, gateway));
      }
      if (spec.has(Flag.WRITE) && spec.firstKey() > 0 && spec.lastKey() == spec.firstKey()
          && args.size() > spec.firstKey()) {
        return combiner.run(args.bytes(spec.firstKey()), session, args);
      }
      try {
        return inTransaction(session, spec, args);
      } catch (TxnException e) {
        return Reply.error("ERR transaction failed: " + e.getMessage());
      }
    });
  }

  /** One command in its own transaction, every failure turned into its error reply. */
  private Reply runAlone(ClientSession session, CommandSpec spec, Args args) {
    try {
      return inTransaction(session, spec, args);
    } catch (TxnException e) {
      return Reply.error("ERR transaction failed: " + e.getMessage());
    } catch (RespException e) {
      return Reply.error(e.getMessage());
    } catch (IllegalArgumentException e) {
      return Reply.error("ERR " + e.getMessage());
    } catch (RespFormatException e) {
      LOG.error("{}: unreadable stored data", spec.name(), e);
      return Reply.error("ERR stored data is unreadable: " + e.getMessage());
    }
  }

  /** The error that refuses the command before it runs, or null. */
  private Reply check(ClientSession session, CommandSpec spec, Args args) {
    if (spec == null) {
      return Reply.error(unknownCommand(args));
    }
    // Redis's order: existence, arity, then authentication.
    if (!spec.arityAccepts(args.size())) {
      return Reply.error(RespException.wrongArity(spec.name()).getMessage());
    }
    if (!session.isAuthenticated() && !spec.has(Flag.NO_AUTH)) {
      return Reply.error("NOAUTH Authentication required.");
    }
    return null;
  }

  /** Redis's text: {@code ERR unknown command 'foo', with args beginning with: 'a' 'b' }. */
  static String unknownCommand(Args args) {
    StringBuilder b = new StringBuilder("ERR unknown command '").append(clip(args.string(0))).append("', with args beginning with: ");
    for (int i = 1; i < args.size() && b.length() < 128; i++) {
      b.append('\'').append(clip(args.string(i))).append("' ");
    }
    return b.toString();
  }

  private static String clip(String s) {
    return s.length() > 128 ? s.substring(0, 128) : s;
  }

  private Reply timed(CommandSpec spec, java.util.function.Supplier<Reply> body) {
    long t0 = System.nanoTime();
    Reply r;
    try {
      r = body.get();
    } catch (RespException e) {
      r = Reply.error(e.getMessage());
    } catch (IllegalArgumentException e) {
      // The store's own bounds (a key over TxnLimits.MAX_KEY_BYTES, a value over the engine's
      // largest), met before anything was written.
      r = Reply.error("ERR " + e.getMessage());
    } catch (RespFormatException e) {
      LOG.error("{}: unreadable stored data", spec.name(), e);
      r = Reply.error("ERR stored data is unreadable: " + e.getMessage());
    }
    RespStats.CommandCounters c = gateway.stats().command(spec.name());
    c.calls.increment();
    c.micros.add((System.nanoTime() - t0) / 1000);
    if (r instanceof Reply.Error) {
      c.failed.increment();
    }
    gateway.stats().commandsProcessed.increment();
    return r;
  }

  /** One data command in its own transaction, run again on a retryable conflict. */
  private Reply inTransaction(ClientSession session, CommandSpec spec, Args args) {
    long deadline = System.nanoTime() + RETRY_NANOS;
    for (int attempt = 0; ; attempt++) {
      try (Txn txn = gateway.client().begin()) {
        Keyspace ks = new Keyspace(txn, System.currentTimeMillis(), gateway.client()::currentTimestamp);
        Reply r = spec.handler().run(new CommandContext(args, ks, session, gateway));
        if (txn.isActive()) {
          txn.commit();
        }
        return r;
      } catch (TxnException e) {
        if (!e.isRetryable() || System.nanoTime() - deadline > 0) {
          throw e;
        }
        gateway.stats().conflictRetries.increment();
        backoff(attempt);
      }
    }
  }

  /**
   * Whether {@code args} may join a group ({@link #executeGroup}): a data command (read or write)
   * that would run now, neither queued by MULTI nor refused before running.
   */
  public boolean groupable(ClientSession session, Args args) {
    CommandSpec spec = lookup(args);
    return spec != null && !session.inMulti() && check(session, spec, args) == null
        && (spec.has(Flag.WRITE) || spec.has(Flag.READONLY))
        && !spec.has(Flag.CONNECTION) && !spec.has(Flag.TRANSACTION_CONTROL);
  }

  /**
   * Runs pipelined data commands of one connection ({@link #groupable} each) in ONE transaction:
   * one commit, and one wait for the log's fsync, for the whole group instead of one per command.
   * Each command sees the writes of those before it, as when run one by one; all of them share
   * the transaction's snapshot and clock, and they become visible to other clients together. An
   * error reply of one command does not stop the others (commands check before they write, so it
   * leaves nothing behind), exactly as inside EXEC. On a write conflict the whole group runs
   * again, up to {@value #GROUP_ATTEMPTS} times.
   *
   * @return the replies in order, or null when nothing was committed and the caller must run the
   *     commands one by one: a command failed in a way that is not an error reply (a fault, or a
   *     read that gave up on a lock), so that the failure stays with its command; or the group
   *     kept meeting write conflicts
   */
  public List<Reply> executeGroup(ClientSession session, List<Args> group) {
    return executeGroup(java.util.Collections.nCopies(group.size(), session), group, true);
  }

  /**
   * {@link #executeGroup(ClientSession, List)} for commands of several sessions ({@code
   * sessions.get(i)} sent {@code group.get(i)}); {@code countStats} false leaves INFO's counters
   * to the caller.
   */
  private List<Reply> executeGroup(List<ClientSession> sessions, List<Args> group, boolean countStats) {
    List<CommandSpec> specs = new ArrayList<>(group.size());
    long touched = System.currentTimeMillis();
    for (int i = 0; i < group.size(); i++) {
      CommandSpec spec = lookup(group.get(i));
      specs.add(spec);
      sessions.get(i).touched(spec.name(), touched);
    }
    long deadline = System.nanoTime() + RETRY_NANOS;
    for (int attempt = 0; ; attempt++) {
      long[] micros = new long[group.size()];
      List<Reply> replies = new ArrayList<>(group.size());
      try (Txn txn = gateway.client().begin()) {
        // One keyspace for the whole group: new collections get distinct versions.
        Keyspace ks = new Keyspace(txn, System.currentTimeMillis(), gateway.client()::currentTimestamp);
        for (int i = 0; i < group.size(); i++) {
          CommandSpec spec = specs.get(i);
          long t0 = System.nanoTime();
          replies.add(runHandler(spec, new CommandContext(group.get(i), ks, sessions.get(i), gateway)));
          micros[i] = (System.nanoTime() - t0) / 1000;
        }
        long c0 = System.nanoTime();
        try {
          if (txn.isActive()) {
            txn.commit();
          }
        } catch (TxnException e) {
          if (e.isRetryable() && attempt < GROUP_ATTEMPTS && System.nanoTime() - deadline < 0) {
            gateway.stats().conflictRetries.increment();
            backoff(attempt);
            continue;
          }
          if (e.isRetryable()) {
            // A contended group (many pipelines writing one key): nothing was committed, so its
            // commands run one by one, where writers of one key queue behind each other
            // (KeyWriteCombiner) instead of conflicting again as whole groups.
            return null;
          }
          // Not retried (the outcome may be unknown): every command of the group answers the failure.
          Reply failed = Reply.error("ERR transaction failed: " + e.getMessage());
          replies.replaceAll(r -> failed);
        } catch (RuntimeException e) {
          // A fault in the commit: never run the group again (parts of it may have committed).
          LOG.error("committing a group of {} commands failed", group.size(), e);
          Reply failed = Reply.error("ERR internal error: " + e.getClass().getSimpleName());
          replies.replaceAll(r -> failed);
        }
        long commitShare = (System.nanoTime() - c0) / 1000 / group.size();
        for (int i = 0; i < group.size() && countStats; i++) {
          count(specs.get(i), replies.get(i), micros[i] + commitShare);
        }
        return replies;
      } catch (TxnException e) {
        // A read inside a handler gave up (a lock that would not go away): nothing was written.
        if (!e.isRetryable() || System.nanoTime() - deadline > 0) {
          return null;
        }
        gateway.stats().conflictRetries.increment();
        backoff(attempt);
      } catch (RuntimeException e) {
        // E.g. the store's bounds (IllegalArgumentException) met in the middle of a command that
        // had written part of its keys: only a transaction of its own rolls that part back.
        LOG.debug("a grouped command failed; running the group's commands one by one", e);
        return null;
      }
    }
  }

  /** A handler's reply, or its error reply. */
  private static Reply runHandler(CommandSpec spec, CommandContext ctx) {
    try {
      return spec.handler().run(ctx);
    } catch (RespException e) {
      return Reply.error(e.getMessage());
    } catch (RespFormatException e) {
      LOG.error("{}: unreadable stored data", spec.name(), e);
      return Reply.error("ERR stored data is unreadable: " + e.getMessage());
    }
  }

  private void count(CommandSpec spec, Reply r, long micros) {
    RespStats.CommandCounters c = gateway.stats().command(spec.name());
    c.calls.increment();
    c.micros.add(micros);
    if (r instanceof Reply.Error) {
      c.failed.increment();
    }
    gateway.stats().commandsProcessed.increment();
  }

  private static void backoff(int attempt) {
    long micros = Math.min(10_000, 50L << Math.min(attempt, 8));
    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros / 2 + (long) (Math.random() * micros / 2)));
  }

  /**
   * EXEC: the queued commands in one transaction. Returns the null array when a WATCHed key changed
   * since WATCH (its metadata differs, or another transaction commits to it first); an error inside
   * a command is that command's reply, as in Redis, and the others still apply.
   */
  public Reply exec(ClientSession session, List<Args> queued, Map<ClientSession.WatchedKey, byte[]> watched) {
    long deadline = System.nanoTime() + RETRY_NANOS;
    for (int attempt = 0; ; attempt++) {
      try (Txn txn = gateway.client().begin()) {
        Keyspace ks = new Keyspace(txn, System.currentTimeMillis(), gateway.client()::currentTimestamp);
        for (Map.Entry<ClientSession.WatchedKey, byte[]> w : watched.entrySet()) {
          if (!Arrays.equals(liveMeta(ks, w.getKey().key()), w.getValue())) {
            return Reply.NULL_ARRAY;
          }
          txn.lockKeys(RespKeys.meta(w.getKey().key()));
        }
        List<Reply> replies = new ArrayList<>(queued.size());
        for (Args args : queued) {
          CommandSpec spec = lookup(args);
          replies.add(timed(spec, () -> spec.handler().run(new CommandContext(args, ks, session, gateway))));
        }
        txn.commit();
        return Reply.array(replies);
      } catch (TxnException e) {
        if (!watched.isEmpty() && e.isRetryable()) {
          return Reply.NULL_ARRAY; // a watched key was written by a transaction that committed first
        }
        if (!e.isRetryable() || System.nanoTime() - deadline > 0) {
          return Reply.error("EXECABORT Transaction discarded because of a failed commit: " + e.getMessage());
        }
        gateway.stats().conflictRetries.increment();
        backoff(attempt);
      }
    }
  }

  /** The metadata record of {@code key} if it is live now, else null: what WATCH remembers and EXEC compares. */
  public static byte[] liveMeta(Keyspace ks, byte[] key) {
    byte[] raw = ks.txn().get(RespKeys.meta(key));
    if (raw == null) {
      return null;
    }
    return io.nokv.server.resp.store.KeyMeta.decode(raw).isExpiredAt(ks.now()) ? null : raw;
  }
}
