package io.nokv.kv;

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

/** Compiles and runs the embedded example in README.md exactly as written. */
class ReadmeExampleTest {
  @TempDir Path tmp;

  @Test
  void readmeExampleCompilesAndRuns() throws Exception {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    int begin = text.indexOf("<!-- readme-example:begin -->");
    int end = text.indexOf("<!-- readme-example:end -->");
    assertTrue(begin >= 0 && end > begin, "README.md lacks the marked example");
    String block = text.substring(begin, end);
    String code = block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```"));
    long lines = code.strip().lines().count();
    assertTrue(lines <= 16, "the README example should stay short, it has " + lines + " lines");

    Path src = tmp.resolve("Example.java");
    Files.writeString(src, code);
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diag = new ByteArrayOutputStream();
    int rc = javac.run(null, diag, diag, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
    assertEquals(0, rc, "README example does not compile:\n" + diag.toString(StandardCharsets.UTF_8));

    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass("Example").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[] {tmp.resolve("db").toString()});
    } finally {
      System.setOut(oldOut);
    }
    List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of("world", "hello"), printed);
  }
}
