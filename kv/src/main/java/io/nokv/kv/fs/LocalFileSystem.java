package io.nokv.kv.fs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The operating system's file system, through {@link FileChannel}. */
public final class LocalFileSystem implements FileSystem {
  public static final LocalFileSystem INSTANCE = new LocalFileSystem();

  /** Appends are gathered in a buffer this large before a write system call. */
  private static final int WRITE_BUFFER = 64 * 1024;

  private LocalFileSystem() {}

  @Override
  public WritableFile create(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    return new ChannelWritableFile(ch);
  }

  @Override
  public ReadableFile openRead(Path path) throws IOException {
    return new ChannelReadableFile(FileChannel.open(path, StandardOpenOption.READ));
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public long size(Path path) throws IOException {
    return Files.size(path);
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  @Override
  public void deleteIfExists(Path path) throws IOException {
    Files.deleteIfExists(path);
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    // Linux lets a directory be opened read-only and fsynced; other systems may refuse, and there
    // the rename/creation durability is the file system's own business.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
        return;
      }
      throw e;
    }
  }

  @Override
  public FileLockHandle tryLock(Path lockFile) throws IOException {
    FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another Db in this JVM
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
      return null;
    }
    FileLock held = lock;
    return () -> {
      try {
        held.release();
      } finally {
        ch.close();
      }
    };
  }

  @Override
  public void linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
      throw e instanceof FileAlreadyExistsException f ? f : new IOException(e);
    } catch (IOException e) {
      // Different file stores or no hard links: copy, then sync the copy.
      FileSystem.super.linkOrCopy(from, to);
    }
  }

  private static final class ChannelWritableFile implements WritableFile {
    private final FileChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(WRITE_BUFFER);
    private long size;

    ChannelWritableFile(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public void append(byte[] b, int off, int len) throws IOException {
      size += len;
      if (len > buf.remaining()) {
        flush();
        if (len >= buf.capacity()) {
          ByteBuffer wrap = ByteBuffer.wrap(b, off, len);
          while (wrap.hasRemaining()) {
            ch.write(wrap);
          }
          return;
        }
      }
      buf.put(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      buf.flip();
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      buf.clear();
    }

    @Override
    public void sync() throws IOException {
      flush();
      ch.force(false);
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void close() throws IOException {
      try {
        flush();
      } finally {
        ch.close();
      }
    }
  }

  private static final class ChannelReadableFile implements ReadableFile {
    private final FileChannel ch;

    ChannelReadableFile(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public void readFully(long position, byte[] dst, int off, int len) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
      long pos = position;
      while (bb.hasRemaining()) {
        int n = ch.read(bb, pos);
        if (n < 0) {
          throw new EOFException("end of file at " + pos + " reading " + len + " bytes at " + position);
        }
        pos += n;
      }
    }

    @Override
    public long size() throws IOException {
      return ch.size();
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }
}
