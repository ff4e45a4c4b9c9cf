package io.nokv.txn.rpc;

/**
 * The request reached a replica that cannot serve it as addressed. Nothing was read or written;
 * the client refreshes its region cache and retries with backoff. Key errors ({@link KeyError}) are
 * a different family: they are answers about the data.
 */
public abstract sealed class RegionException extends RuntimeException {
  private final long regionId;

  RegionException(long regionId, String message) {
    super(message, null, false, false);
    this.regionId = regionId;
  }

  public long regionId() {
    return regionId;
  }

  /** This replica is not the leader; {@code leaderHint} names the store believed to lead, or -1. */
  public static final class NotLeader extends RegionException {
    private final long leaderHint;

    public NotLeader(long regionId, long leaderHint) {
      super(regionId, "not the leader of region " + regionId);
      this.leaderHint = leaderHint;
    }

    public long leaderHint() {
      return leaderHint;
    }
  }

  /** The region split or merged since the client cached it. */
  public static final class EpochNotMatch extends RegionException {
    private final RegionEpoch current;

    public EpochNotMatch(long regionId, RegionEpoch current) {
      super(regionId, "region " + regionId + " is at epoch " + current);
      this.current = current;
    }

    public RegionEpoch current() {
      return current;
    }
  }

  /** This store has no replica of the region. */
  public static final class RegionNotFound extends RegionException {
    public RegionNotFound(long regionId) {
      super(regionId, "region " + regionId + " not found");
    }
  }

  /** A key of the request lies outside the region. */
  public static final class KeyNotInRegion extends RegionException {
    public KeyNotInRegion(long regionId, byte[] key) {
      super(regionId, "key " + io.nokv.kv.format.Bytes.toDebugString(key) + " is not in region " + regionId);
    }
  }

  /** The store could not serve the request now (overloaded, or waiting on something that did not finish). */
  public static final class ServerBusy extends RegionException {
    public ServerBusy(long regionId, String reason) {
      super(regionId, "server busy: " + reason);
    }
  }
}
