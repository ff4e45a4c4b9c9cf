package io.nokv.kv;

/** A file was written by a format version this build cannot read (too new, or too old). */
public class FormatVersionException extends CorruptionException {
  private final int found;

  public FormatVersionException(String file, long offset, int found, int supportedMax) {
    super(file, offset, "unsupported format version " + found + " (this build reads up to " + supportedMax + ")");
    this.found = found;
  }

  public int foundVersion() {
    return found;
  }
}
