package io.nokv.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the HikariCP example of the "How to connect" docs exactly as written, against
 * an Avatica server over H2. The example lives in docs/sql.md ("How to connect").
 */
class DocsExampleTest {
  private static final String BEGIN = "<!-- hikari-example:begin -->";
  private static final String END = "<!-- hikari-example:end -->";

  @TempDir Path tmp;

  @Test
  void hikariExampleCompilesAndRuns() throws Exception {
    String code = exampleCode();
    Path src = tmp.resolve("HikariExample.java");
    Files.writeString(src, code);
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diag = new ByteArrayOutputStream();
    int rc = javac.run(null, diag, diag, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        src.toString());
    assertEquals(0, rc, "the example does not compile:\n" + diag.toString(StandardCharsets.UTF_8));

    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AvaticaH2Server server = new AvaticaH2Server();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass("HikariExample").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[] {server.url()});
    } finally {
      System.setOut(oldOut);
    }
    List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of("1 alice", "2 bob"), printed);
  }

  private static String exampleCode() throws java.io.IOException {
    for (Path doc : List.of(Path.of("..", "docs", "sql.md"))) {
      if (Files.exists(doc)) {
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin >= 0 && end > begin) {
          String block = text.substring(begin, end);
          return block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```"));
        }
      }
    }
    throw new AssertionError("docs/sql.md has no marked HikariCP example");
  }
}
