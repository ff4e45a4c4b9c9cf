package io.nokv.kv.fs;

import java.nio.file.Path;

class LocalFileSystemContractTest extends FileSystemContract {
  @Override
  FileSystem newFileSystem(Path tmp) {
    return LocalFileSystem.INSTANCE;
  }
}
