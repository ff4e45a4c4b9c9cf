package io.nokv.txn.mvcc;

/** A write record together with the timestamp it is stored at (the commit timestamp, or the start timestamp of a rollback). */
public record CommittedWrite(long commitTs, Write write) {}
