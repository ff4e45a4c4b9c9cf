package io.nokv.server.resp.command;

import io.nokv.server.resp.ClientSession;
import io.nokv.server.resp.Gateway;
import io.nokv.server.resp.RespStats;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RespKeys;
import io.nokv.txn.rpc.KvPair;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * INFO [section ...]: Redis's text format ({@code # Section} headers, {@code field:value} lines,
 * CRLF) for the sections server, clients, stats, keyspace and commandstats. No argument or {@code
 * default} gives server, clients, stats and keyspace; {@code all} and {@code everything} add
 * commandstats. The Redis fields that have no meaning here (memory, replication, persistence) are
 * left out; NoKV's own counters are prefixed {@code nokv_}.
 *
 * <p>The keyspace line ({@code db0:keys=N,expires=N,avg_ttl=MS}) counts live keys by scanning the
 * metadata keys in the command's snapshot: O(keys), unlike Redis's O(1), so it is computed only
 * when the keyspace section is asked for.
 */
final class InfoCommand {
  private static final List<String> DEFAULT = List.of("server", "clients", "stats", "keyspace");
  private static final List<String> ALL = List.of("server", "clients", "stats", "keyspace", "commandstats");

  private InfoCommand() {}

  static Reply info(CommandContext ctx) {
    Set<String> sections = new LinkedHashSet<>();
    Args a = ctx.args();
    if (a.size() == 1) {
      sections.addAll(DEFAULT);
    }
    for (int i = 1; i < a.size(); i++) {
      String s = a.string(i).toLowerCase(Locale.ROOT);
      switch (s) {
        case "default" -> sections.addAll(DEFAULT);
        case "all", "everything" -> sections.addAll(ALL);
        default -> sections.add(s); // unknown sections print nothing, as in Redis
      }
    }
    StringBuilder out = new StringBuilder();
    for (String s : ALL) {
      if (sections.contains(s)) {
        if (!out.isEmpty()) {
          out.append("\r\n");
        }
        section(ctx, s, out);
      }
    }
    return Reply.bulk(out.toString());
  }

  private static void section(CommandContext ctx, String name, StringBuilder out) {
    Gateway g = ctx.gateway();
    RespStats st = g.stats();
    long now = System.currentTimeMillis();
    switch (name) {
      case "server" -> {
        out.append("# Server\r\n");
        field(out, "redis_version", ConnectionCommands.REDIS_VERSION);
        field(out, "nokv_version", g.nokvVersion());
        field(out, "redis_mode", "standalone");
        field(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
        field(out, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        field(out, "multiplexing_api", "java-nio");
        field(out, "java_version", System.getProperty("java.runtime.version"));
        field(out, "process_id", ProcessHandle.current().pid());
        field(out, "run_id", g.runId());
        field(out, "tcp_port", g.boundPort());
        field(out, "server_time_usec", now * 1000);
        long up = (now - g.startMillis()) / 1000;
        field(out, "uptime_in_seconds", up);
        field(out, "uptime_in_days", up / 86400);
        field(out, "hz", 10);
        field(out, "configured_hz", 10);
        field(out, "executable", "");
        field(out, "config_file", "");
        field(out, "io_threads_active", 0);
      }
      case "clients" -> {
        out.append("# Clients\r\n");
        field(out, "connected_clients", g.clients().size());
        field(out, "cluster_connections", 0);
        field(out, "maxclients", g.config().maxClients());
        field(out, "blocked_clients", 0);
        field(out, "tracking_clients", 0);
        field(out, "clients_in_timeout_table", 0);
        field(out, "clients_in_multi", g.clients().values().stream().filter(ClientSession::inMulti).count());
      }
      case "stats" -> {
        out.append("# Stats\r\n");
        field(out, "total_connections_received", st.connectionsReceived.sum());
        field(out, "total_commands_processed", st.commandsProcessed.sum());
        field(out, "instantaneous_ops_per_sec", 0);
        field(out, "rejected_connections", st.connectionsRejected.sum());
        field(out, "expired_keys", st.expiredKeys.sum());
        field(out, "evicted_keys", 0);
        field(out, "keyspace_hits", st.keyspaceHits.sum());
        field(out, "keyspace_misses", st.keyspaceMisses.sum());
        long errors = 0;
        for (RespStats.CommandCounters c : st.commands().values()) {
          errors += c.failed.sum() + c.rejected.sum();
        }
        field(out, "total_error_replies", errors);
        field(out, "nokv_conflict_retries", st.conflictRetries.sum());
        field(out, "nokv_reclaimed_members", st.reclaimedMembers.sum());
      }
      case "keyspace" -> {
        out.append("# Keyspace\r\n");
        keyspace(ctx.keyspace(), out);
      }
      case "commandstats" -> {
        out.append("# Commandstats\r\n");
        for (Map.Entry<String, RespStats.CommandCounters> e : st.commands().entrySet()) {
          RespStats.CommandCounters c = e.getValue();
          long calls = c.calls.sum();
          long usec = c.micros.sum();
          long rejected = c.rejected.sum();
          long failed = c.failed.sum();
          if (calls == 0 && rejected == 0 && failed == 0) {
            continue;
          }
          out.append("cmdstat_").append(e.getKey()).append(":calls=").append(calls).append(",usec=").append(usec)
              .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f", calls == 0 ? 0.0 : (double) usec / calls))
              .append(",rejected_calls=").append(rejected).append(",failed_calls=").append(failed).append("\r\n");
        }
      }
      default -> throw new IllegalArgumentException(name);
    }
  }

  /** {@code db0:keys=N,expires=N,avg_ttl=MS}, or nothing for an empty keyspace (as Redis prints it). */
  private static void keyspace(Keyspace ks, StringBuilder out) {
    long keys = 0;
    long expires = 0;
    long ttlSum = 0;
    Iterator<KvPair> it = ks.txn().iterator(RespKeys.metaStart(), RespKeys.metaEnd(), false);
    while (it.hasNext()) {
      KeyMeta m = KeyMeta.decode(it.next().value());
      if (m.isExpiredAt(ks.now())) {
        continue;
      }
      keys++;
      if (m.hasExpiry()) {
        expires++;
        ttlSum += m.expireAt() - ks.now();
      }
    }
    if (keys > 0) {
      out.append("db0:keys=").append(keys).append(",expires=").append(expires)
          .append(",avg_ttl=").append(expires == 0 ? 0 : ttlSum / expires).append("\r\n");
    }
  }

  private static void field(StringBuilder out, String name, Object value) {
    out.append(name).append(':').append(value).append("\r\n");
  }
}
