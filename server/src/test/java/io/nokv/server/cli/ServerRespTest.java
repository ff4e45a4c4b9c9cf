package io.nokv.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.server.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** {@code nokv server} with its RESP gateway, on NoKV's own database, driven by Jedis and by redis-cli. */
class ServerRespTest {
  private static final Pattern READY = Pattern.compile(
      "NoKV server ready: sql=127\\.0\\.0\\.1:(\\d+) resp=127\\.0\\.0\\.1:(\\d+) data=(.+)\n");
  private static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");

  @TempDir Path tmp;
  private final ExecutorService executor = CliHarness.newExecutor();

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "a server under test did not stop");
  }

  /** A running {@code nokv server}: its harness, output and RESP port. */
  private record Running(CliHarness cli, CliHarness.Run run, Future<Integer> exit, int respPort) {
    int stop() throws Exception {
      cli.stop.request();
      return exit.get(60, TimeUnit.SECONDS);
    }
  }

  private Running start(CliHarness cli, String... extra) {
    CliHarness.Run run = new CliHarness.Run();
    List<String> args = new ArrayList<>(List.of("server", "--dir", tmp.toString(), "--sql-port", "0", "--resp-port", "0"));
    args.addAll(List.of(extra));
    Future<Integer> exit = cli.start(executor, run, args.toArray(new String[0]));
    Await.until(Duration.ofSeconds(60), "the ready line", () -> run.out().contains("\n") || exit.isDone());
    Matcher m = READY.matcher(run.out());
    assertTrue(m.matches(), "ready line with resp=, got [" + run.out() + "] stderr: " + run.err());
    assertEquals(tmp.toAbsolutePath().toString(), m.group(3));
    return new Running(cli, run, exit, Integer.parseInt(m.group(2)));
  }

  private static Jedis jedis(int port) {
    return new Jedis(new HostAndPort("127.0.0.1", port),
        DefaultJedisClientConfig.builder().timeoutMillis(10_000).autoNegotiateProtocol(false).build());
  }

  @Test
  void servesRespAndKeepsDataAcrossARestart() throws Exception {
    Running first = start(new CliHarness(ServedDatabase.NOKV));
    try (Jedis j = jedis(first.respPort())) {
      assertEquals("OK", j.set("restart:a", "1"));
      assertEquals("OK", j.set("restart:b", "two"));
    }
    assertEquals(0, first.stop(), first.run().err());
    assertEquals("", first.run().err(), "nothing on stderr at the default log level");
    assertFalse(ServerCommandTest.accepts(first.respPort()), "the gateway stopped");

    Running second = start(new CliHarness(ServedDatabase.NOKV));
    try (Jedis j = jedis(second.respPort())) {
      assertEquals("1", j.get("restart:a"));
      assertEquals("two", j.get("restart:b"));
      assertTrue(j.info("keyspace").contains("db0:keys=2,"), j.info("keyspace"));
    }
    assertEquals(0, second.stop());
  }

  /** The acceptance flow, through redis-cli against nokv server, then again after a restart. */
  @Test
  void redisCliAcceptanceFlowSurvivesARestart() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(REDIS_CLI), "redis-cli is not installed (scripts/peers.sh install)");
    Running first = start(new CliHarness(ServedDatabase.NOKV));
    int port = first.respPort();
    assertEquals("OK\n", redisCli(port, "set", "a", "1"));
    assertEquals("1\n", redisCli(port, "get", "a"));
    assertEquals("1\n", redisCli(port, "hset", "h", "f", "v"));
    assertEquals("1\n", redisCli(port, "zadd", "z", "1", "m"));
    assertEquals("m\n1\n", redisCli(port, "zrange", "z", "0", "-1", "withscores"));
    assertEquals("1\n", redisCli(port, "expire", "a", "100"));
    long ttl = Long.parseLong(redisCli(port, "ttl", "a").strip());
    assertTrue(ttl >= 99 && ttl <= 100, "ttl " + ttl);
    assertEquals(0, first.stop());

    Running second = start(new CliHarness(ServedDatabase.NOKV));
    port = second.respPort();
    assertEquals("1\n", redisCli(port, "get", "a"));
    assertEquals("v\n", redisCli(port, "hget", "h", "f"));
    assertEquals("m\n1\n", redisCli(port, "zrange", "z", "0", "-1", "withscores"));
    ttl = Long.parseLong(redisCli(port, "ttl", "a").strip());
    assertTrue(ttl > 0 && ttl <= 100, "the expiry survives the restart: ttl " + ttl);
    assertEquals(0, second.stop());
  }

  @Test
  void redisCliDrivesTheGateway() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(REDIS_CLI), "redis-cli is not installed (scripts/peers.sh install)");
    Running server = start(new CliHarness(ServedDatabase.NOKV));
    int port = server.respPort();
    assertEquals("PONG\n", redisCli(port, "PING"));
    assertEquals("OK\n", redisCli(port, "SET", "cli:a", "hello world"));
    assertEquals("hello world\n", redisCli(port, "GET", "cli:a"));
    assertEquals("\n", redisCli(port, "GET", "cli:missing"), "nil prints as an empty line in raw mode");
    String info = redisCli(port, "INFO", "server");
    assertTrue(info.startsWith("# Server\r\nredis_version:7.0.15\r\n"), info);
    assertTrue(info.contains("tcp_port:" + port), info);
    String docs = redisCli(port, "COMMAND", "DOCS", "get");
    assertTrue(docs.startsWith("get\nsummary\n\nsince\n1.0.0\ngroup\nstring\n"), docs);
    String resp3 = redisCli(port, "-3", "HELLO");
    assertTrue(resp3.startsWith("server redis\nversion 7.0.15\nproto 3\n"), "a RESP3 map: " + resp3);
    assertEquals(0, server.stop());
  }

  @Test
  void requirepassFromTheEnvironmentAndTheFlag() throws Exception {
    Running fromEnv = start(new CliHarness(ServedDatabase.NOKV, name -> name.equals("NOKV_REQUIREPASS") ? "envpass" : null));
    try (Jedis j = jedis(fromEnv.respPort())) {
      JedisDataException e = org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class, j::ping);
      assertEquals("NOAUTH Authentication required.", e.getMessage());
      assertEquals("OK", j.auth("envpass"));
      assertEquals("PONG", j.ping());
    }
    assertEquals(0, fromEnv.stop());

    Running flag = start(new CliHarness(ServedDatabase.NOKV, name -> "envpass"), "--requirepass", "flagpass");
    try (Jedis j = jedis(flag.respPort())) {
      org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class, () -> j.auth("envpass"));
      assertEquals("OK", j.auth("flagpass"), "the flag wins over the environment");
    }
    assertEquals(0, flag.stop());
  }

  @Test
  void respPortInUseIsOneLineAndClosesWhatWasOpened() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      CliHarness cli = new CliHarness(ServedDatabase.NOKV);
      CliHarness.Run run = new CliHarness.Run();
      int code = cli.run(run, "server", "--dir", tmp.toString(), "--sql-port", "0", "--resp-port", Integer.toString(port));
      assertEquals(1, code);
      assertEquals("nokv: error: cannot listen on 127.0.0.1:" + port + ": the address is already in use (is another"
          + " \"nokv server\" or a Redis server running? choose another --resp-port, 0 for a free one, or -1 for none)\n",
          run.err());
      assertEquals("", run.out());
      assertTrue(cli.stop.isClosed());
    }
    // The database was closed again: another server can open the directory.
    Running after = start(new CliHarness(ServedDatabase.NOKV));
    assertEquals(0, after.stop());
  }

  @Test
  void badRespOptionsAreUsageErrors() {
    for (String[] bad : new String[][] {{"--resp-port", "70000"}, {"--resp-port", "-2"}, {"--resp-timeout", "-1"},
        {"--resp-maxclients", "0"}}) {
      CliHarness.Run run = new CliHarness.Run();
      List<String> args = new ArrayList<>(List.of("server", "--dir", tmp.toString()));
      args.addAll(List.of(bad));
      assertEquals(2, new CliHarness(ServedDatabase.NOKV).run(run, args.toArray(new String[0])), String.join(" ", bad));
      assertTrue(run.err().startsWith("nokv server: " + bad[0] + " " + bad[1]), run.err());
    }
  }

  /** Runs redis-cli in raw mode against {@code port}; returns its stdout (stderr joined in). */
  private static String redisCli(int port, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(REDIS_CLI.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
        "--raw"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "redis-cli did not finish");
    assertEquals(0, p.exitValue(), "redis-cli " + String.join(" ", args) + ": " + out);
    return out;
  }
}
