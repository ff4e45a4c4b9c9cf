package io.nokv.kv.fs;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The shared contract holds through the fault-injecting wrapper when no fault is armed. */
class FaultInjectingFileSystemContractTest {
  @Nested
  class OverMemory extends FileSystemContract {
    @Override
    FileSystem newFileSystem(Path tmp) {
      return new FaultInjectingFileSystem(new MemFileSystem());
    }
  }

  @Nested
  class OverLocal extends FileSystemContract {
    @Override
    FileSystem newFileSystem(Path tmp) {
      return new FaultInjectingFileSystem(LocalFileSystem.INSTANCE);
    }
  }
}
