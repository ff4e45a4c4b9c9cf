package io.nokv.kv.version;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.FormatVersionException;
import io.nokv.kv.engine.FileNames;
import io.nokv.kv.format.Checksums;
import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.fs.ReadableFile;
import io.nokv.kv.fs.WritableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The CURRENT file: one line naming the live manifest, {@code NOKV-CURRENT 1 MANIFEST-000005
 * 1a2b3c4d\n} (magic, format version, manifest name, CRC32C of the name in hex). Replaced
 * atomically: written to CURRENT.tmp, synced, renamed over CURRENT, directory synced.
 */
public final class CurrentFile {
  private CurrentFile() {}

  static final String MAGIC = "NOKV-CURRENT";
  static final int VERSION = 1;

  public static void write(FileSystem fs, Path dir, String manifestName) throws IOException {
    byte[] name = manifestName.getBytes(StandardCharsets.US_ASCII);
    String line = MAGIC + " " + VERSION + " " + manifestName + " " + Integer.toHexString(Checksums.crc32c(name)) + "\n";
    Path tmp = dir.resolve(FileNames.CURRENT + ".tmp");
    try (WritableFile f = fs.create(tmp)) {
      f.append(line.getBytes(StandardCharsets.US_ASCII));
      f.sync();
    }
    fs.rename(tmp, dir.resolve(FileNames.CURRENT));
    fs.syncDirectory(dir);
  }

  /** The manifest name CURRENT points to. */
  public static String read(FileSystem fs, Path dir) throws IOException {
    Path p = dir.resolve(FileNames.CURRENT);
    String text;
    try (ReadableFile f = fs.openRead(p)) {
      long size = f.size();
      if (size > 4096) {
        throw new CorruptionException(p.toString(), 0, "CURRENT is " + size + " bytes, expected one short line");
      }
      text = new String(f.readFully(0, (int) size), StandardCharsets.US_ASCII);
    }
    String[] parts = text.strip().split(" ");
    if (parts.length != 4 || !parts[0].equals(MAGIC) || !text.endsWith("\n")) {
      throw new CorruptionException(p.toString(), 0, "CURRENT is not a NoKV CURRENT file: '" + text.strip() + "'");
    }
    int version;
    try {
      version = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new CorruptionException(p.toString(), MAGIC.length() + 1, "bad CURRENT version '" + parts[1] + "'");
    }
    if (version != VERSION) {
      throw new FormatVersionException(p.toString(), MAGIC.length() + 1, version, VERSION);
    }
    String name = parts[2];
    String crc = Integer.toHexString(Checksums.crc32c(name.getBytes(StandardCharsets.US_ASCII)));
    if (!crc.equals(parts[3]) || FileNames.parse(name).kind() != FileNames.Kind.MANIFEST) {
      throw new CorruptionException(p.toString(), 0, "CURRENT checksum mismatch or bad manifest name '" + name + "'");
    }
    return name;
  }
}
