package io.nokv.server.resp.store;

/** A stored RESP record that cannot be decoded: corruption, or a format newer than this build. */
public final class RespFormatException extends RuntimeException {
  public RespFormatException(String message) {
    super(message);
  }
}
