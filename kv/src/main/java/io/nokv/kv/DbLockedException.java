package io.nokv.kv;

/** Another {@link Db} (in this process or another) already holds the directory's LOCK file. */
public class DbLockedException extends KvException {
  public DbLockedException(String dir) {
    super("database directory " + dir + " is already open by another process or Db instance (LOCK is held)");
  }
}
