package io.nokv.server.resp.protocol;

/**
 * A command's failure, answered to the client as an error reply whose text is {@link #getMessage()},
 * including Redis's error code ({@code "ERR ..."}, {@code "WRONGTYPE ..."}, {@code "NOAUTH ..."}).
 * The texts of the common ones are Redis's own, as clients and tests match them.
 */
public final class RespException extends RuntimeException {
  public RespException(String message) {
    super(message, null, false, false);
  }

  public static RespException err(String text) {
    return new RespException("ERR " + text);
  }

  public static RespException syntax() {
    return new RespException("ERR syntax error");
  }

  public static RespException wrongType() {
    return new RespException("WRONGTYPE Operation against a key holding the wrong kind of value");
  }

  public static RespException notInteger() {
    return new RespException("ERR value is not an integer or out of range");
  }

  public static RespException notFloat() {
    return new RespException("ERR value is not a valid float");
  }

  public static RespException overflow() {
    return new RespException("ERR increment or decrement would overflow");
  }

  public static RespException noSuchKey() {
    return new RespException("ERR no such key");
  }

  public static RespException wrongArity(String command) {
    return new RespException("ERR wrong number of arguments for '" + command + "' command");
  }

  public static RespException outOfRange(String what) {
    return new RespException("ERR " + what + " is out of range");
  }
}
