package io.nokv.bench.resp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Just enough of a RESP client to ask a server for {@code INFO} between two redis-benchmark runs:
 * one connection per command, the command sent as a RESP array of bulk strings, a bulk-string,
 * simple-string or integer reply returned as text. An error reply throws {@link ErrorReply}; a
 * reply of another type, or a malformed one, {@link IOException}. Replies are limited to {@value
 * #MAX_REPLY} bytes.
 */
final class RespClient {
  static final int MAX_REPLY = 16 << 20;

  private RespClient() {}

  /** The server answered with an error ({@code -ERR ...}); the message is its text. */
  static final class ErrorReply extends IOException {
    ErrorReply(String message) {
      super(message);
    }
  }

  /** Sends {@code args} as one command to {@code host:port} and returns the reply as text. */
  static String call(String host, int port, Duration timeout, String... args) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      out.write(encode(args));
      out.flush();
      return readReply(new BufferedInputStream(s.getInputStream()));
    }
  }

  static byte[] encode(String... args) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String a : args) {
      byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
      b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      b.writeBytes(bytes);
      b.writeBytes(new byte[] {'\r', '\n'});
    }
    return b.toByteArray();
  }

  static String readReply(InputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("the server closed the connection without a reply");
    }
    String line = readLine(in);
    switch (type) {
      case '+', ':' -> {
        return line;
      }
      case '-' -> throw new ErrorReply(line);
      case '$' -> {
        int len;
        try {
          len = Integer.parseInt(line);
        } catch (NumberFormatException e) {
          throw new IOException("malformed bulk length '" + line + "'");
        }
        if (len < 0) {
          throw new IOException("null reply");
        }
        if (len > MAX_REPLY) {
          throw new IOException("reply of " + len + " bytes is larger than " + MAX_REPLY);
        }
        byte[] body = in.readNBytes(len);
        if (body.length != len || in.read() != '\r' || in.read() != '\n') {
          throw new EOFException("truncated bulk reply");
        }
        return new String(body, StandardCharsets.UTF_8);
      }
      default -> throw new IOException("unexpected reply type '" + (char) type + "'");
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("truncated reply");
      }
      if (c == '\r') {
        if (in.read() != '\n') {
          throw new IOException("malformed reply: CR without LF");
        }
        return sb.toString();
      }
      if (sb.length() >= 64 * 1024) {
        throw new IOException("reply line longer than 64 KiB");
      }
      sb.append((char) c);
    }
  }
}
