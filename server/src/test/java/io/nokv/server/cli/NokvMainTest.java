package io.nokv.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.spi.CliCommandProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class NokvMainTest {
  /** A bench command that echoes or fails, as a provider module would add. */
  @Command(name = "echo", mixinStandardHelpOptions = true, description = "Echo test command.")
  static final class EchoCommand implements Callable<Integer> {
    @Option(names = "--fail", description = "Throw instead.")
    boolean fail;

    @Option(names = "--count", description = "A number.")
    int count;

    @Override
    public Integer call() {
      if (fail) {
        throw new IllegalStateException("the engine broke\nsecond line");
      }
      System.out.flush();
      return 0;
    }
  }

  static CliCommandProvider provider(String parent, Object command) {
    return new CliCommandProvider() {
      @Override
      public String parent() {
        return parent;
      }

      @Override
      public Object command() {
        return command;
      }
    };
  }

  record Run(int code, String out, String err) {}

  static Run run(List<CliCommandProvider> providers, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = NokvMain.run(args, providers, new PrintWriter(out, true), new PrintWriter(err, true), false);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsBenchAndExitsZero() {
    Run r = run(List.of(), "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Usage: nokv"), r.out());
    assertTrue(r.out().contains("bench"), r.out());
  }

  @Test
  void versionPrintsProjectVersion() {
    Run r = run(List.of(), "--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("nokv "), r.out());
    assertFalse(r.out().contains("${"), r.out());
  }

  @Test
  void benchWithoutProvidersSaysWhereCommandsComeFrom() {
    Run r = run(List.of(), "bench");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no benchmark commands are installed"), r.err());
    Run help = run(List.of(), "bench", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("no benchmark commands are installed"), help.out());
  }

  @Test
  void providerCommandIsRegisteredUnderBench() {
    List<CliCommandProvider> p = List.of(provider("bench", new EchoCommand()));
    Run help = run(p, "bench", "--help");
    assertTrue(help.out().contains("echo"), help.out());
    assertEquals(0, run(p, "bench", "echo").code());
    Run missing = run(p, "bench");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("one of: echo"), missing.err());
  }

  @Test
  void usageErrorsExitTwoWithAHint() {
    List<CliCommandProvider> p = List.of(provider("bench", new EchoCommand()));
    Run unknown = run(p, "bench", "echo", "--bogus");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("nokv bench echo: Unknown option: '--bogus'"), unknown.err());
    assertTrue(unknown.err().contains("Try 'nokv bench echo --help'"), unknown.err());
    assertEquals(2, run(p, "bench", "echo", "--count", "x").code());
    assertEquals(2, run(p, "nosuch").code());
    assertEquals(2, run(p).code());
  }

  @Test
  void runtimeErrorIsOneLineUnlessVerbose() {
    List<CliCommandProvider> p = List.of(provider("bench", new EchoCommand()));
    Run r = run(p, "bench", "echo", "--fail");
    assertEquals(1, r.code());
    assertEquals("nokv: error: IllegalStateException: the engine broke ...", r.err().strip());
    Run verbose = run(List.of(provider("bench", new EchoCommand())), "bench", "echo", "--fail", "--verbose");
    assertEquals(1, verbose.code());
    assertTrue(verbose.err().contains("\tat "), "stack trace expected with --verbose: " + verbose.err());
  }

  @Test
  void providerWithUnknownParentIsSkippedWithAWarning() {
    Run r = run(List.of(provider("nosuch", new EchoCommand())), "--help");
    assertEquals(0, r.code());
    assertTrue(r.err().contains("no parent command 'nosuch'"), r.err());
  }

  @Test
  void debugEnvironmentValues() {
    assertTrue(NokvMain.isDebugEnv("1"));
    assertTrue(NokvMain.isDebugEnv("yes"));
    assertFalse(NokvMain.isDebugEnv(null));
    assertFalse(NokvMain.isDebugEnv(""));
    assertFalse(NokvMain.isDebugEnv("0"));
    assertFalse(NokvMain.isDebugEnv("false"));
  }
}
