package io.nokv.bench.resp;

import io.nokv.kv.spi.CliCommandProvider;

/** Registers {@code nokv bench resp} (listed in {@code META-INF/services}). */
public final class RespBenchCommandProvider implements CliCommandProvider {
  @Override
  public String parent() {
    return "bench";
  }

  @Override
  public Object command() {
    return new RespBenchCommand();
  }
}
