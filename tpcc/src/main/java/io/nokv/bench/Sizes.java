package io.nokv.bench;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Byte sizes on the command line: {@code 67108864}, {@code 64m}, {@code 64MiB}, {@code 1g}, {@code 512k}. */
public final class Sizes implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    return parse(value);
  }

  /** Parses a size; binary units (k = 1024). */
  public static long parse(String value) {
    String s = value.trim().toLowerCase(Locale.ROOT).replace("_", "");
    if (s.endsWith("ib")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    long unit = 1;
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'k' -> unit = 1L << 10;
        case 'm' -> unit = 1L << 20;
        case 'g' -> unit = 1L << 30;
        case 't' -> unit = 1L << 40;
        default -> unit = 1;
      }
    }
    String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
    try {
      long n = Long.parseLong(digits.trim());
      if (n < 0) {
        throw new TypeConversionException("'" + value + "' is negative");
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TypeConversionException("'" + value + "' is not a size (examples: 67108864, 64m, 64MiB, 1g)");
    }
  }

  /** {@code bytes} for people: {@code 64 MiB}, {@code 4 KiB}, {@code 1000 B}. */
  public static String format(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    long v = bytes;
    while (u < units.length - 1 && v >= 1024 && v % 1024 == 0) {
      v /= 1024;
      u++;
    }
    return v + " " + units[u];
  }
}
