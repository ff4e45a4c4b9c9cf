package io.nokv.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.jdbc.NokvDriver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nokv server} as its own process, stopped by SIGTERM and SIGINT. */
class ServerProcessTest {
  private static final Pattern READY = Pattern.compile("NoKV server ready: sql=127\\.0\\.0\\.1:(\\d+) data=(.+)");

  @TempDir Path tmp;
  private ChildServer child;

  @AfterEach
  void killLeftovers() throws InterruptedException {
    if (child != null && child.process.isAlive()) {
      child.process.destroyForcibly();
      child.process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sigtermStopsServingClosesTheDatabaseAndExitsZero() throws Exception {
    stopsCleanlyOn("TERM");
  }

  @Test
  void sigintStopsServingClosesTheDatabaseAndExitsZero() throws Exception {
    stopsCleanlyOn("INT");
  }

  private void stopsCleanlyOn(String signal) throws Exception {
    child = ChildServer.start(H2ServerMain.class.getName(), List.of("server", "--dir", tmp.toString(), "--sql-port", "0", "--resp-port", "-1"));
    String line = child.awaitStdoutLine(Duration.ofSeconds(60));
    assertNotNull(line, "no ready line; stderr: " + child.stderr());
    Matcher ready = READY.matcher(line);
    assertTrue(ready.matches(), line);
    assertEquals(tmp.toAbsolutePath().toString(), ready.group(2));
    try (Connection c = new NokvDriver().connect("jdbc:nokv://127.0.0.1:" + ready.group(1), new Properties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertTrue(rs.next());
    }
    child.signal(signal);
    assertEquals(0, child.waitForExit(Duration.ofSeconds(30)), "exit code; stderr: " + child.stderr());
    assertEquals("database closed after the endpoint stopped", child.stderr().strip());
    assertTrue(child.remainingStdout().isEmpty(), "one line on stdout only: " + child.remainingStdout());
  }

  /** A {@code nokv} child JVM with this test's class path, its output collected as it comes. */
  static final class ChildServer {
    final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final List<Thread> readers = new ArrayList<>();

    private ChildServer(Process process) {
      this.process = process;
      readers.add(drain(process.getInputStream(), stdout::add, "child-stdout"));
      readers.add(drain(process.getErrorStream(), l -> stderr.append(l).append('\n'), "child-stderr"));
    }

    static ChildServer start(String mainClass, List<String> args) throws IOException {
      // The JVM options of the ./nokv launcher.
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1"));
      if (Runtime.version().feature() >= 24) {
        command.add("--sun-misc-unsafe-memory-access=allow");
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
      command.addAll(args);
      return new ChildServer(new ProcessBuilder(command).start());
    }

    /** The real {@code nokv server} (NoKV's database) on {@code dir}. */
    static ChildServer startReal(Path dir, String... args) throws IOException {
      List<String> all = new ArrayList<>(List.of("server", "--dir", dir.toString()));
      all.addAll(List.of(args));
      return start(NokvMain.class.getName(), all);
    }

    private static Thread drain(InputStream in, java.util.function.Consumer<String> sink, String name) {
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            sink.accept(line);
          }
        } catch (IOException e) {
          sink.accept("[reading the child's output failed: " + e + "]");
        }
      }, name);
      t.setDaemon(true);
      t.start();
      return t;
    }

    String awaitStdoutLine(Duration timeout) throws InterruptedException {
      return stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<String> remainingStdout() {
      List<String> rest = new ArrayList<>();
      stdout.drainTo(rest);
      return rest;
    }

    String stderr() {
      return stderr.toString();
    }

    void signal(String name) throws IOException, InterruptedException {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor(), "kill -" + name);
    }

    /** The exit code, once the process and its output have ended. */
    int waitForExit(Duration timeout) throws InterruptedException {
      assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "the child did not exit in " + timeout);
      for (Thread t : readers) {
        t.join(timeout.toMillis());
        assertFalse(t.isAlive(), "the child's output did not end");
      }
      return process.exitValue();
    }
  }
}
