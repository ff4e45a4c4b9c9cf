package io.nokv.kv.fs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file system held in memory, backing {@code jdbc:nokv:mem:} databases and fast tests.
 *
 * <p>Behaves like a POSIX file system for everything the engine uses: files live in directories
 * that must exist, {@link #list} shows files and subdirectories, {@link #rename} atomically
 * replaces its target, {@link #create} on an existing name replaces the file, and a file that is
 * deleted or replaced stays readable (and writable) through handles opened before, like an unlinked
 * inode. {@link #tryLock} is exclusive among the handles of this instance. Paths are compared after
 * {@code toAbsolutePath().normalize()}; roots always exist. {@code flush()} and {@code sync()} are
 * no-ops: appended bytes are visible to readers at once.
 *
 * <p>Thread-safe. The namespace is guarded by one monitor; file contents are read without locks
 * (see {@link MemFile}), so any number of readers may run alongside the one appender of a file.
 * Files are limited to 2 GiB each.
 */
public final class MemFileSystem implements FileSystem {
  private final Object namespace = new Object();
  // Guarded by namespace.
  private final Map<Path, MemFile> files = new HashMap<>();
  private final Set<Path> directories = new HashSet<>();
  private final Set<Path> heldLocks = new HashSet<>();

  private static Path normalize(Path p) {
    return p.toAbsolutePath().normalize();
  }

  private boolean isDirectory(Path p) {
    return p.getParent() == null || directories.contains(p);
  }

  private void requireParentDirectory(Path p) throws IOException {
    Path parent = p.getParent();
    if (parent == null || !isDirectory(parent)) {
      throw new NoSuchFileException(
          String.valueOf(parent), null, "parent directory of " + p + " does not exist");
    }
    if (isDirectory(p)) {
      throw new FileSystemException(p.toString(), null, "is a directory");
    }
  }

  private MemFile existingFile(Path p) throws IOException {
    MemFile f = files.get(p);
    if (f == null) {
      throw new NoSuchFileException(p.toString());
    }
    return f;
  }

  @Override
  public WritableFile create(Path path) throws IOException {
    Path p = normalize(path);
    MemFile f = new MemFile();
    synchronized (namespace) {
      requireParentDirectory(p);
      files.put(p, f);
    }
    return new MemWritableFile(p, f);
  }

  @Override
  public ReadableFile openRead(Path path) throws IOException {
    Path p = normalize(path);
    MemFile f;
    synchronized (namespace) {
      f = existingFile(p);
    }
    return new MemReadableFile(p, f);
  }

  @Override
  public boolean exists(Path path) {
    Path p = normalize(path);
    synchronized (namespace) {
      return files.containsKey(p) || isDirectory(p);
    }
  }

  @Override
  public long size(Path path) throws IOException {
    Path p = normalize(path);
    synchronized (namespace) {
      if (isDirectory(p)) {
        return 0;
      }
      return existingFile(p).length();
    }
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    Path d = normalize(dir);
    List<String> names = new ArrayList<>();
    synchronized (namespace) {
      if (files.containsKey(d)) {
        throw new NotDirectoryException(d.toString());
      }
      if (!isDirectory(d)) {
        throw new NoSuchFileException(d.toString());
      }
      for (Path p : files.keySet()) {
        if (d.equals(p.getParent())) {
          names.add(p.getFileName().toString());
        }
      }
      for (Path p : directories) {
        if (d.equals(p.getParent())) {
          names.add(p.getFileName().toString());
        }
      }
    }
    return names;
  }

  @Override
  public void deleteIfExists(Path path) throws IOException {
    Path p = normalize(path);
    synchronized (namespace) {
      if (files.remove(p) != null) {
        return;
      }
      if (directories.contains(p)) {
        for (Path other : files.keySet()) {
          if (p.equals(other.getParent())) {
            throw new DirectoryNotEmptyException(p.toString());
          }
        }
        for (Path other : directories) {
          if (p.equals(other.getParent())) {
            throw new DirectoryNotEmptyException(p.toString());
          }
        }
        directories.remove(p);
      }
    }
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    Path src = normalize(from);
    Path dst = normalize(to);
    synchronized (namespace) {
      if (directories.contains(src)) {
        throw new FileSystemException(
            src.toString(), dst.toString(), "renaming directories is not supported");
      }
      MemFile f = existingFile(src);
      if (src.equals(dst)) {
        return;
      }
      requireParentDirectory(dst);
      files.remove(src);
      files.put(dst, f);
    }
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    Path d = normalize(dir);
    synchronized (namespace) {
      for (Path p = d; p != null && p.getParent() != null; p = p.getParent()) {
        if (files.containsKey(p)) {
          throw new FileAlreadyExistsException(p.toString(), null, "exists and is not a directory");
        }
      }
      for (Path p = d; p != null && p.getParent() != null; p = p.getParent()) {
        directories.add(p);
      }
    }
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    Path d = normalize(dir);
    synchronized (namespace) {
      if (!isDirectory(d)) {
        throw new NoSuchFileException(d.toString());
      }
    }
  }

  @Override
  public FileLockHandle tryLock(Path lockFile) throws IOException {
    Path p = normalize(lockFile);
    synchronized (namespace) {
      if (!files.containsKey(p)) {
        requireParentDirectory(p);
        files.put(p, new MemFile());
      }
      if (!heldLocks.add(p)) {
        return null;
      }
    }
    return new FileLockHandle() {
      private boolean released;

      @Override
      public void close() {
        synchronized (namespace) {
          if (!released) {
            released = true;
            heldLocks.remove(p);
          }
        }
      }
    };
  }

  /**
   * Overwrites bytes of an existing file in place, visible to open handles (for {@link
   * FaultInjectingFileSystem#corrupt}). The range must lie within the file.
   */
  void overwrite(Path path, long offset, byte[] bytes) throws IOException {
    MemFile f;
    synchronized (namespace) {
      f = existingFile(normalize(path));
    }
    f.overwrite(path, offset, bytes);
  }

  /** Shortens an existing file in place (for {@link FaultInjectingFileSystem#simulateCrash}). */
  void truncate(Path path, long length) throws IOException {
    MemFile f;
    synchronized (namespace) {
      f = existingFile(normalize(path));
    }
    f.truncate(path, length);
  }

  /**
   * The bytes of one file. Appends and in-place changes hold the object's monitor; reads take no
   * lock. An append writes past {@link #length} (into the current array, or into a grown copy that
   * is published first) and only then publishes the new length, so a reader that reads {@code
   * length} before {@code data} always finds its bytes in the array it gets. Bytes below the length
   * never change except through {@link #overwrite}, a test-only corruption helper.
   */
  static final class MemFile {
    private static final int MAX_SIZE = Integer.MAX_VALUE - 16;

    private volatile byte[] data = new byte[0];
    private volatile int length;

    int length() {
      return length;
    }

    synchronized void append(Path path, byte[] b, int off, int len) throws IOException {
      int n = length;
      if (len > MAX_SIZE - n) {
        throw new FileSystemException(
            path.toString(), null, "file would exceed the 2 GiB limit of MemFileSystem");
      }
      byte[] d = data;
      int need = n + len;
      if (need > d.length) {
        byte[] grown =
            new byte[(int) Math.min(MAX_SIZE, Math.max(need, Math.max(256, 2L * d.length)))];
        System.arraycopy(d, 0, grown, 0, n);
        data = grown;
        d = grown;
      }
      System.arraycopy(b, off, d, n, len);
      length = need;
    }

    void read(Path path, long position, byte[] dst, int off, int len) throws IOException {
      int n = length;
      byte[] d = data;
      if (position < 0 || position > n - (long) len) {
        throw new EOFException(
            "end of " + path + " (" + n + " bytes) reading " + len + " bytes at " + position);
      }
      System.arraycopy(d, (int) position, dst, off, len);
    }

    synchronized void overwrite(Path path, long offset, byte[] bytes) throws IOException {
      if (offset < 0 || offset > length - (long) bytes.length) {
        throw new EOFException(
            "cannot overwrite "
                + bytes.length
                + " bytes at "
                + offset
                + " of "
                + path
                + " ("
                + length
                + " bytes)");
      }
      System.arraycopy(bytes, 0, data, (int) offset, bytes.length);
    }

    synchronized void truncate(Path path, long newLength) throws IOException {
      if (newLength < 0 || newLength > length) {
        throw new IOException(
            "cannot truncate " + path + " (" + length + " bytes) to " + newLength);
      }
      length = (int) newLength;
    }
  }

  private static final class MemWritableFile implements WritableFile {
    private final Path path;
    private final MemFile file;
    private long size;
    private volatile boolean closed;

    MemWritableFile(Path path, MemFile file) {
      this.path = path;
      this.file = file;
    }

    private void ensureOpen() throws IOException {
      if (closed) {
        throw new IOException("write handle on " + path + " is closed");
      }
    }

    @Override
    public void append(byte[] b, int off, int len) throws IOException {
      ensureOpen();
      file.append(path, b, off, len);
      size += len;
    }

    @Override
    public void flush() throws IOException {
      ensureOpen();
    }

    @Override
    public void sync() throws IOException {
      ensureOpen();
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final class MemReadableFile implements ReadableFile {
    private final Path path;
    private final MemFile file;
    private volatile boolean closed;

    MemReadableFile(Path path, MemFile file) {
      this.path = path;
      this.file = file;
    }

    @Override
    public void readFully(long position, byte[] dst, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("read handle on " + path + " is closed");
      }
      file.read(path, position, dst, off, len);
    }

    @Override
    public long size() throws IOException {
      if (closed) {
        throw new IOException("read handle on " + path + " is closed");
      }
      return file.length();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
