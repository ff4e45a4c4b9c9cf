package io.nokv.bench.txn;

import io.nokv.kv.spi.CliCommandProvider;

/** Registers {@code nokv bench txn} (listed in {@code META-INF/services}). */
public final class TxnBenchCommandProvider implements CliCommandProvider {
  @Override
  public String parent() {
    return "bench";
  }

  @Override
  public Object command() {
    return new TxnBenchCommand();
  }
}
