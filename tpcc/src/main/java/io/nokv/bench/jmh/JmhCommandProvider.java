package io.nokv.bench.jmh;

import io.nokv.kv.spi.CliCommandProvider;

/** Registers {@code nokv bench jmh} (listed in {@code META-INF/services}). */
public final class JmhCommandProvider implements CliCommandProvider {
  @Override
  public String parent() {
    return "bench";
  }

  @Override
  public Object command() {
    return JmhCommand.commandLine();
  }
}
