package io.nokv.txn.rpc;

/** Sent with every request: the region the client believes serves the keys, and its epoch. */
public record RegionContext(long regionId, RegionEpoch epoch) {}
