package io.nokv.txn.rpc;

/** A region's version: {@code version} grows on split and merge, {@code confVersion} on membership changes. */
public record RegionEpoch(long confVersion, long version) {}
