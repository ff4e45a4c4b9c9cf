package io.nokv.server.resp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A socket speaking raw RESP, for tests that must see the exact bytes of a reply (RESP3 types,
 * protocol errors, what happens to the connection). {@link #reply()} reads one complete reply,
 * whatever its type, and returns its bytes as text ({@code "+PONG\r\n"}, {@code "%1\r\n$1\r\na..."}).
 */
final class RawResp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawResp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends {@code text} as it is (inline commands, hand-made RESP). */
  RawResp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  RawResp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Sends one command as a RESP array of bulk strings. */
  RawResp command(String... args) throws IOException {
    return send(encode(args));
  }

  static String encode(String... args) {
    StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
    }
    return b.toString();
  }

  /** One whole reply as text. */
  String reply() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    readReply(b);
    return b.toString(StandardCharsets.UTF_8);
  }

  /** Sends a command and reads its reply. */
  String call(String... args) throws IOException {
    return command(args).reply();
  }

  /** Whether the server closed the connection (reads EOF within the socket timeout). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  void setTimeoutMillis(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  private void readReply(ByteArrayOutputStream b) throws IOException {
    String line = line(b);
    char type = line.charAt(0);
    switch (type) {
      case '+', '-', ':', '_', ',', '#', '(' -> {}
      case '$', '=', '!' -> {
        int n = Integer.parseInt(line.substring(1));
        if (n >= 0) {
          b.write(in.readNBytes(n + 2));
        }
      }
      case '*', '~', '>' -> {
        int n = Integer.parseInt(line.substring(1));
        for (int i = 0; i < n; i++) {
          readReply(b);
        }
      }
      case '%', '|' -> {
        int n = Integer.parseInt(line.substring(1));
        for (int i = 0; i < 2 * n; i++) {
          readReply(b);
        }
      }
      default -> throw new IOException("not a RESP reply: " + line);
    }
  }

  /** Reads a line through CRLF, appends it to {@code b}, returns it without CRLF. */
  private String line(ByteArrayOutputStream b) throws IOException {
    ByteArrayOutputStream l = new ByteArrayOutputStream();
    int prev = -1;
    while (true) {
      int c = in.read();
      if (c == -1) {
        throw new EOFException("connection closed after [" + l.toString(StandardCharsets.UTF_8) + "]");
      }
      l.write(c);
      if (prev == '\r' && c == '\n') {
        break;
      }
      prev = c;
    }
    byte[] bytes = l.toByteArray();
    b.write(bytes);
    return new String(bytes, 0, bytes.length - 2, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
