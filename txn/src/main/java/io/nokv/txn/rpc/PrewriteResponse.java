package io.nokv.txn.rpc;

import java.util.List;

/**
 * Either errors (then nothing was written: every lock in the way is listed, so the client can
 * resolve them all before retrying) or success; {@code onePcCommitTs} is the commit timestamp when
 * the store committed in one phase, else 0.
 */
public record PrewriteResponse(List<KeyError> errors, long onePcCommitTs) {
  public static final PrewriteResponse OK = new PrewriteResponse(List.of(), 0);

  public boolean ok() {
    return errors.isEmpty();
  }
}
