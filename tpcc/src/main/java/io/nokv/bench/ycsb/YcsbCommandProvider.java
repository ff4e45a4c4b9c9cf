package io.nokv.bench.ycsb;

import io.nokv.kv.spi.CliCommandProvider;

/** Registers {@code nokv bench ycsb} (listed in {@code META-INF/services}). */
public final class YcsbCommandProvider implements CliCommandProvider {
  @Override
  public String parent() {
    return "bench";
  }

  @Override
  public Object command() {
    return new YcsbCommand();
  }
}
