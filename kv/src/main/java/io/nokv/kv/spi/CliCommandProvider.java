package io.nokv.kv.spi;

/**
 * A command the {@code nokv} CLI finds at run time through {@link java.util.ServiceLoader}. It lets
 * modules that the server must not depend on (the benchmark harnesses in {@code tpcc}) add
 * subcommands. It lives in {@code kv} only because that is the one module every other depends on;
 * the engine itself never uses it.
 */
public interface CliCommandProvider {
  /** The parent command's name this plugs under, e.g. {@code "bench"}; empty for top level. */
  String parent();

  /** A picocli {@code @Command}-annotated object (or a {@code CommandLine}) to register. */
  Object command();
}
