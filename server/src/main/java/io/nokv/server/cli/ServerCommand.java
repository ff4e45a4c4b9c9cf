package io.nokv.server.cli;

import io.nokv.kv.DbLockedException;
import io.nokv.server.resp.RespAddressInUseException;
import io.nokv.server.resp.RespServer;
import io.nokv.server.resp.RespServerConfig;
import io.nokv.server.sql.AddressInUseException;
import io.nokv.server.sql.SqlServer;
import io.nokv.server.sql.SqlServerConfig;
import io.nokv.server.sql.SqlServerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nokv server}: opens the database in {@code --dir}, serves SQL on {@code
 * --host:--sql-port} and the Redis protocol on {@code --host:--resp-port} (unless {@code
 * --resp-port -1}), prints the {@link ReadyLine} and runs until SIGINT or SIGTERM; then stops the
 * RESP gateway, then the SQL endpoint, closes the database and exits 0.
 *
 * <p>Failures to start are one line each and exit 1: the directory held by another process (the
 * engine's {@link DbLockedException}), an address in use, or anything else that stops the
 * database or an endpoint from opening. Whatever was opened is closed again.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Run a NoKV server on the database in --dir: SQL over the network, and the Redis protocol"
          + " (RESP2 and RESP3) over the same data.",
      "",
      "SQL clients connect to jdbc:nokv://HOST:PORT (Avatica's protobuf protocol over HTTP); Redis"
          + " clients (redis-cli, Jedis, Lettuce...) to HOST:RESP_PORT. Once the server serves, it"
          + " prints one line on stdout and nothing else there:",
      "  NoKV server ready: sql=HOST:PORT resp=HOST:PORT data=ABSOLUTE_DIR",
      "(without resp= when --resp-port is -1; later versions may append more key=value pairs)."
          + " Logs go to stderr. Ctrl-C or SIGTERM stops the server: it stops serving, closes the"
          + " database and exits 0.",
      ""
    },
    footer = {
      "",
      "Connect with ./nokv sql --url jdbc:nokv://HOST:PORT (see docs/sql.md). The server"
          + " closes a SQL connection idle for 1 hour, rolling back its open transaction.",
      "Redis: redis-cli -p RESP_PORT (see docs/resp.md). Every write a Redis client sees"
          + " acknowledged is durable. Before AUTH, a password set by --requirepass or"
          + " NOKV_REQUIREPASS is asked for (NOAUTH); CONFIG SET requirepass changes it until the"
          + " server stops.",
      "Environment: NOKV_REQUIREPASS=PASS sets the password without showing it in the process"
          + " list (--requirepass wins when both are given).",
      "Exit codes: 0 stopped by a signal, 1 could not start (directory or port in use, ...),"
          + " 2 usage error."
    })
final class ServerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "nokv-data",
      description = {"Data directory, created if missing.", "Default: ./${DEFAULT-VALUE}"})
  Path dir;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0 for all.")
  String host;

  @Option(
      names = "--sql-port",
      paramLabel = "PORT",
      defaultValue = "8765",
      description = "Port of the SQL endpoint; 0 picks a free port (the ready line says which). Default: ${DEFAULT-VALUE}")
  int sqlPort;

  @Option(
      names = "--resp-port",
      paramLabel = "PORT",
      defaultValue = "6380",
      description = "Port of the Redis protocol gateway; 0 picks a free port, -1 turns it off."
          + " Default: ${DEFAULT-VALUE}")
  int respPort;

  @Option(
      names = "--requirepass",
      paramLabel = "PASS",
      description = "Password Redis clients must give (AUTH PASS, or AUTH default PASS) before any"
          + " other command. Default: none, or NOKV_REQUIREPASS.")
  String requirepass;

  @Option(
      names = "--resp-timeout",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description = "Close a Redis connection idle this long (Redis's timeout); 0 never does."
          + " Default: ${DEFAULT-VALUE}")
  int respTimeoutSeconds;

  @Option(
      names = "--resp-maxclients",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Most Redis connections at once; more are answered -ERR max number of clients"
          + " reached and closed. Default: ${DEFAULT-VALUE}")
  int respMaxClients;

  @Spec CommandSpec spec;

  private final ServedDatabase.Opener opener;
  private final Supplier<StopRequests> stopRequests;
  private final Function<String, String> environment;

  /** The real command: NoKV's database, stopped by signals. */
  ServerCommand() {
    this(ServedDatabase.NOKV, ProcessStopRequests::new);
  }

  /** For tests: another database behind the endpoint, and stops on request. */
  ServerCommand(ServedDatabase.Opener opener, Supplier<StopRequests> stopRequests) {
    this(opener, stopRequests, System::getenv);
  }

  /** For tests: also another environment (NOKV_REQUIREPASS). */
  ServerCommand(ServedDatabase.Opener opener, Supplier<StopRequests> stopRequests,
      Function<String, String> environment) {
    this.opener = opener;
    this.stopRequests = stopRequests;
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (sqlPort < 0 || sqlPort > 65535) {
      throw new ParameterException(spec.commandLine(), "--sql-port " + sqlPort + " is not from 0 to 65535");
    }
    if (respPort < -1 || respPort > 65535) {
      throw new ParameterException(spec.commandLine(),
          "--resp-port " + respPort + " is not from 0 to 65535 (or -1 for no RESP gateway)");
    }
    if (respTimeoutSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--resp-timeout " + respTimeoutSeconds + " is negative");
    }
    if (respMaxClients < 1) {
      throw new ParameterException(spec.commandLine(), "--resp-maxclients " + respMaxClients + " is not positive");
    }
    if (host.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--host is empty");
    }
    Path data = prepareDataDirectory(dir);
    PrintWriter out = spec.commandLine().getOut();
    try (StopRequests stops = stopRequests.get();
        ServedDatabase database = open(data);
        SqlServer sql = startSql(database);
        RespServer resp = respPort < 0 ? null : startResp(database)) {
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("sql", sql.hostAndPort());
      if (resp != null) {
        endpoints.put("resp", resp.hostAndPort());
      }
      endpoints.put("data", data.toString());
      out.println(ReadyLine.format(endpoints));
      out.flush();
      stops.awaitStopRequest();
      LOG.info("stopping: {}SQL endpoint {}, then the database in {}",
          resp == null ? "" : "RESP gateway " + resp.hostAndPort() + ", ", sql.hostAndPort(), data);
    }
    // try-with-resources closed resp, sql, then the database, then said so to the stop requests.
    return NokvMain.EXIT_OK;
  }

  private static Path prepareDataDirectory(Path dir) {
    Path data = dir.toAbsolutePath().normalize();
    try {
      return Files.createDirectories(data);
    } catch (IOException e) {
      throw new CommandFailedException(
          "cannot use the data directory " + data + ": " + (Files.exists(data) ? "it is not a directory" : e), e);
    }
  }

  private ServedDatabase open(Path data) {
    try {
      return opener.open(data);
    } catch (Exception e) {
      for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c instanceof DbLockedException) {
          throw new CommandFailedException("the data directory " + data + " is in use by another NoKV process"
              + " (is another \"nokv server\" running on it? stop it, or choose another --dir)", e);
        }
      }
      throw new CommandFailedException("cannot open the database in " + data + ": " + ErrorReporter.describe(e), e);
    }
  }

  private RespServer startResp(ServedDatabase database) {
    String password = requirepass != null ? requirepass : environment.apply("NOKV_REQUIREPASS");
    RespServerConfig config = RespServerConfig.defaults(host, respPort)
        .withRequirepass(password)
        .withIdleTimeout(Duration.ofSeconds(respTimeoutSeconds))
        .withMaxClients(respMaxClients);
    try {
      return RespServer.start(database.txnClient(), config);
    } catch (RespAddressInUseException e) {
      throw new CommandFailedException(e.getMessage()
          + " (is another \"nokv server\" or a Redis server running? choose another --resp-port, 0 for a free"
          + " one, or -1 for none)", e);
    }
  }

  private SqlServer startSql(ServedDatabase database) {
    try {
      return SqlServer.start(new SqlServerConfig(
          database.jdbcUrl(), database.jdbcProperties(), host, sqlPort,
          SqlServerConfig.DEFAULT_CONNECTION_IDLE_TIMEOUT, SqlServerConfig.DEFAULT_STATEMENT_IDLE_TIMEOUT));
    } catch (AddressInUseException e) {
      throw new CommandFailedException(e.getMessage()
          + " (is another \"nokv server\" running? choose another --sql-port, or 0 for a free one)", e);
    } catch (SqlServerException e) {
      throw new CommandFailedException(e.getMessage(), e);
    }
  }
}
