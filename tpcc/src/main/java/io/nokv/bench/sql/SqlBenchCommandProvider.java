package io.nokv.bench.sql;

import io.nokv.kv.spi.CliCommandProvider;

/** Registers {@code nokv bench sql} (listed in {@code META-INF/services}). */
public final class SqlBenchCommandProvider implements CliCommandProvider {
  @Override
  public String parent() {
    return "bench";
  }

  @Override
  public Object command() {
    return new SqlBenchCommand();
  }
}
