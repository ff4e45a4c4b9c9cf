package io.nokv.kv.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.Lock;

/**
 * The handles {@link FaultInjectingFileSystem} hands out. Each remembers the crash epoch it was
 * opened in; after {@link FaultInjectingFileSystem#simulateCrash} it refuses every use with "file
 * system crashed", and closing it is a no-op (the crash already closed the real handle). Every
 * method holds the file system's shared operation lock so a crash never cuts one in half.
 */
final class FaultInjectingHandles {
  private FaultInjectingHandles() {}

  /** A handle the crash must close. */
  interface Handle {
    void closeForCrash() throws IOException;
  }

  private abstract static class Base implements Handle {
    final FaultInjectingFileSystem fs;
    final Path path;
    private final int epoch;
    private volatile boolean closed;

    Base(FaultInjectingFileSystem fs, Path path) {
      this.fs = fs;
      this.path = path;
      this.epoch = fs.epoch();
      fs.register(this);
    }

    final boolean crashed() {
      return epoch != fs.epoch();
    }

    /** Requires the operation lock. */
    final void ensureUsable() throws IOException {
      if (crashed()) {
        throw new IOException(
            "file system crashed: handle on " + path + " was opened before simulateCrash()");
      }
      if (closed) {
        throw new IOException("handle on " + path + " is closed");
      }
    }

    abstract void closeInner() throws IOException;

    @Override
    public final void closeForCrash() throws IOException {
      closed = true;
      closeInner();
    }

    public final void close() throws IOException {
      Lock lock = fs.operationLock();
      lock.lock();
      try {
        if (crashed() || closed) {
          return;
        }
        closed = true;
        fs.unregister(this);
        closeInner();
      } finally {
        lock.unlock();
      }
    }
  }

  static final class Writable extends Base implements WritableFile {
    private final WritableFile inner;
    private final FaultInjectingFileSystem.Durability durability;
    private long size;

    Writable(
        FaultInjectingFileSystem fs,
        Path path,
        WritableFile inner,
        FaultInjectingFileSystem.Durability durability) {
      super(fs, path);
      this.inner = inner;
      this.durability = durability;
    }

    @Override
    public void append(byte[] b, int off, int len) throws IOException {
      Lock lock = fs.operationLock();
      lock.lock();
      try {
        ensureUsable();
        fs.maybeFail(FaultInjectingFileSystem.OpKind.WRITE, path);
        int granted = (int) fs.reserveWrite(len);
        if (granted > 0) {
          inner.append(b, off, granted);
          size += granted;
          fs.countWrite(granted);
        }
        if (granted < len) {
          throw new IOException(
              "injected WRITE failure on "
                  + path
                  + ": write limit reached after "
                  + granted
                  + " of "
                  + len
                  + " bytes");
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void flush() throws IOException {
      Lock lock = fs.operationLock();
      lock.lock();
      try {
        ensureUsable();
        fs.maybeFail(FaultInjectingFileSystem.OpKind.FLUSH, path);
        inner.flush();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void sync() throws IOException {
      Lock lock = fs.operationLock();
      lock.lock();
      try {
        ensureUsable();
        fs.maybeFail(FaultInjectingFileSystem.OpKind.SYNC, path);
        inner.sync();
        durability.syncedLength = size;
        fs.countSync();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    void closeInner() throws IOException {
      inner.close();
    }
  }

  static final class Readable extends Base implements ReadableFile {
    private final ReadableFile inner;

    Readable(FaultInjectingFileSystem fs, Path path, ReadableFile inner) {
      super(fs, path);
      this.inner = inner;
    }

    @Override
    public void readFully(long position, byte[] dst, int off, int len) throws IOException {
      Lock lock = fs.operationLock();
      lock.lock();
      try {
        ensureUsable();
        fs.maybeFail(FaultInjectingFileSystem.OpKind.READ, path);
        inner.readFully(position, dst, off, len);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long size() throws IOException {
      Lock lock = fs.operationLock();
      lock.lock();
      try {
        ensureUsable();
        return inner.size();
      } finally {
        lock.unlock();
      }
    }

    @Override
    void closeInner() throws IOException {
      inner.close();
    }
  }

  static final class LockHandle extends Base implements FileLockHandle {
    private final FileLockHandle inner;

    LockHandle(FaultInjectingFileSystem fs, Path path, FileLockHandle inner) {
      super(fs, path);
      this.inner = inner;
    }

    @Override
    void closeInner() throws IOException {
      inner.close();
    }
  }
}
