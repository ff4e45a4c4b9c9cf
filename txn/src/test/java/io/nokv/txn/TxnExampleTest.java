package io.nokv.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Compiles and runs the example in docs/transactions.md exactly as written. */
class TxnExampleTest {
  @TempDir Path tmp;

  @Test
  void docsExampleCompilesAndRuns() throws Exception {
    String text = Files.readString(Path.of("..", "docs", "transactions.md"));
    int begin = text.indexOf("<!-- txn-example:begin -->");
    int end = text.indexOf("<!-- txn-example:end -->");
    assertTrue(begin >= 0 && end > begin, "docs/transactions.md lacks the marked example");
    String block = text.substring(begin, end);
    String code = block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```"));

    Path src = tmp.resolve("TxnExample.java");
    Files.writeString(src, code);
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diag = new ByteArrayOutputStream();
    int rc =
        javac.run(null, diag, diag, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
    assertEquals(0, rc, "the example does not compile:\n" + diag.toString(StandardCharsets.UTF_8));

    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass("TxnExample").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[] {tmp.resolve("db").toString()});
    } finally {
      System.setOut(oldOut);
    }
    List<String> printed = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.contains("INFO")).toList();
    assertEquals(List.of("70 30"), printed);
  }
}
