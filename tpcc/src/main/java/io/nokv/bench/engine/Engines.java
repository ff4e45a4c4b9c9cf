package io.nokv.bench.engine;

import java.util.List;

/** The engines a benchmark can run, by their {@code --engine} names. */
public final class Engines {
  public static final List<String> NAMES = List.of(NoKvEngine.NAME, RocksDbEngine.NAME);

  private Engines() {}

  /** A new, unopened engine; {@link IllegalArgumentException} for an unknown name. */
  public static BenchEngine create(String name) {
    return switch (name) {
      case NoKvEngine.NAME -> new NoKvEngine();
      case RocksDbEngine.NAME -> new RocksDbEngine();
      default -> throw new IllegalArgumentException("unknown engine '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }
}
