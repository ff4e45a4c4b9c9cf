package io.nokv.txn.rpc;

/** What one region's GC removed. */
public record GcResponse(long keysScanned, long versionsRemoved, long dataRemoved, int valueLogSegmentsReclaimed) {}
