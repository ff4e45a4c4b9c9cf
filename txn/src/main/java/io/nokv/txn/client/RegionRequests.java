package io.nokv.txn.client;

import io.nokv.txn.RegionUnavailableException;
import io.nokv.txn.rpc.Region;
import io.nokv.txn.rpc.RegionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Sends a request to the region of a key, refreshing the region and backing off on region errors. */
public final class RegionRequests {
  private static final long BUDGET_MILLIS = 20_000;

  private final RegionCache cache;

  public RegionRequests(RegionCache cache) {
    this.cache = cache;
  }

  public RegionCache cache() {
    return cache;
  }

  /** Runs {@code request} against the region holding {@code key} until it answers without a region error. */
  public <T> T call(byte[] key, Function<Region, T> request) {
    return retry(() -> cache.locate(key), request);
  }

  /**
   * Runs {@code request} against the region holding the keys just below {@code end} (null: the
   * last region), as reverse scans need.
   */
  public <T> T callBefore(byte[] end, Function<Region, T> request) {
    return retry(() -> cache.locateBefore(end), request);
  }

  private <T> T retry(Supplier<Region> locate, Function<Region, T> request) {
    Backoff backoff = null;
    while (true) {
      Region region = locate.get();
      try {
        return request.apply(region);
      } catch (RegionException e) {
        cache.invalidate(region);
        if (backoff == null) {
          backoff = new Backoff(2, 500, BUDGET_MILLIS);
        }
        if (!backoff.pause(0)) {
          throw new RegionUnavailableException(
              "region " + region.id() + " kept failing for " + backoff.elapsedMillis() + " ms: " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * Runs {@code request} once per region over {@code keys}, in key order of the groups; a group
   * that meets a region error is regrouped (the region may have split) and retried.
   */
  public <T> List<T> callBatches(List<byte[]> keys, BiFunction<Region, List<byte[]>, T> request) {
    List<T> out = new ArrayList<>();
    Backoff backoff = null;
    List<byte[]> pending = keys;
    while (!pending.isEmpty()) {
      List<byte[]> failed = new ArrayList<>();
      RegionException last = null;
      for (Map.Entry<Region, List<byte[]>> g : cache.groupByRegion(pending).entrySet()) {
        try {
          out.add(request.apply(g.getKey(), g.getValue()));
        } catch (RegionException e) {
          cache.invalidate(g.getKey());
          failed.addAll(g.getValue());
          last = e;
        }
      }
      if (!failed.isEmpty()) {
        if (backoff == null) {
          backoff = new Backoff(2, 500, BUDGET_MILLIS);
        }
        if (!backoff.pause(0)) {
          throw new RegionUnavailableException(
              "regions kept failing for " + backoff.elapsedMillis() + " ms: " + last.getMessage(), last);
        }
      }
      pending = failed;
    }
    return out;
  }
}
