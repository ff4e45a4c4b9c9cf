package io.nokv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NoKV launcher replaced by a small script in a fake repository that prints a ready line. */
class NokvServerProcessTest {
  @TempDir Path tmp;

  private Path home(String nokvScript) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.createDirectories(home.resolve("scripts"));
    Path nokv = home.resolve("nokv");
    Files.writeString(nokv, "#!/bin/sh\n" + nokvScript + "\n");
    Files.setPosixFilePermissions(nokv, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("scripts").resolve("peers.sh"), "exit 0\n");
    assertTrue(NokvHome.isHome(home));
    return home;
  }

  @Test
  void theReadyLineGivesBothListenersAndTheExtraArgumentsArePassed() throws Exception {
    Path home = home("echo \"args=$*\" > \"$3/args.txt\"\n"
        + "echo 'NoKV server ready: sql=127.0.0.1:45678 resp=127.0.0.1:45679 data=x'\nexec sleep 60");
    Path data = Files.createDirectories(tmp.resolve("data"));
    try (NokvServerProcess server = NokvServerProcess.start(home, data, List.of("--resp-port", "0"), null,
        Duration.ofSeconds(30))) {
      assertEquals(new NokvServerProcess.Address("127.0.0.1", 45678), server.sql());
      assertEquals(new NokvServerProcess.Address("127.0.0.1", 45679), server.resp());
      assertEquals("127.0.0.1:45679", server.resp().toString());
      assertEquals("args=server --dir " + data + " --sql-port 0 --resp-port 0",
          Files.readString(data.resolve("args.txt")).strip());
    }
  }

  @Test
  void withoutRespInTheReadyLineThereIsNoRespListener() throws Exception {
    Path home = home("echo 'NoKV server ready: sql=127.0.0.1:45678 data=x'\nexec sleep 60");
    try (NokvServerProcess server = NokvServerProcess.start(home, Files.createDirectories(tmp.resolve("d")),
        List.of("--resp-port", "-1"), null, Duration.ofSeconds(30))) {
      assertEquals(45678, server.sql().port());
      assertNull(server.resp());
    }
  }

  @Test
  void aServerThatExitsIsOneLineWithItsOutput() throws Exception {
    Path home = home("echo \"nokv server: Unknown option: '--resp-port'\" >&2\nexit 2");
    ServerStartException e = assertThrows(ServerStartException.class, () -> NokvServerProcess.start(home,
        Files.createDirectories(tmp.resolve("d")), List.of("--resp-port", "0"), null, Duration.ofSeconds(30)));
    assertTrue(e.getMessage().startsWith("the NoKV server did not start: the NoKV server exited with code 2"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("its output ends with: nokv server: Unknown option: '--resp-port'"),
        e.getMessage());
  }

  @Test
  void theReadyLinePatternsTakeIpv6AndNames() {
    Matcher m = NokvServerProcess.READY.matcher("NoKV server ready: sql=[::1]:5555 data=/tmp/x");
    assertTrue(m.find());
    assertEquals("[::1]", m.group(1));
    assertEquals("5555", m.group(2));
    Matcher n = NokvServerProcess.READY.matcher("NoKV server ready: resp=localhost:6379 sql=localhost:8765 data=/d");
    assertTrue(n.find());
    assertEquals("localhost", n.group(1));
    assertEquals("8765", n.group(2));
    NokvServerProcess.Address resp =
        NokvServerProcess.Address.find(NokvServerProcess.RESP, "NoKV server ready: sql=[::1]:1 resp=[::1]:6380 data=/d");
    assertEquals(new NokvServerProcess.Address("[::1]", 6380), resp);
    assertEquals("::1", resp.bareHost());
    assertNull(NokvServerProcess.Address.find(NokvServerProcess.RESP, "NoKV server ready: sql=h:1 data=/d"));
  }
}
