package io.nokv.server.cli;

import io.nokv.server.H2Database;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code nokv} as {@code NokvMain.main} runs it, but with {@code server} serving an H2 database:
 * the child process of ServerProcessTest, stopped by real signals. On closing the database it
 * says on stderr whether the SQL endpoint had already stopped.
 *
 * <p>TODO(integrator): once NokvDatabase works, ServerProcessTest can run NokvMain itself.
 */
public final class H2ServerMain {
  private static final Pattern SQL_PORT = Pattern.compile("sql=\\S*:(\\d+)");

  private H2ServerMain() {}

  public static void main(String[] args) {
    H2Database h2 = new H2Database();
    AtomicInteger port = new AtomicInteger(-1);
    ServedDatabase.Opener opener = dir -> new ServedDatabase() {
      @Override
      public String jdbcUrl() {
        return h2.url();
      }

      @Override
      public void close() {
        System.err.println(ServerCommandTest.accepts(port.get())
            ? "database closed while the endpoint still served" : "database closed after the endpoint stopped");
        h2.shutdown();
      }
    };
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == ServerCommand.class
            ? cls.cast(new ServerCommand(opener, ProcessStopRequests::new))
            : CommandLine.defaultFactory().create(cls);
      }
    };
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out), true) {
      @Override
      public void println(String line) {
        Matcher m = SQL_PORT.matcher(line);
        if (m.find()) {
          port.set(Integer.parseInt(m.group(1)));
        }
        super.println(line);
      }
    };
    int code = NokvMain.run(args, List.of(), out, new PrintWriter(System.err, true), false, factory);
    out.flush();
    System.exit(code);
  }
}
