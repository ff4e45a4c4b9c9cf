package io.nokv.server.resp.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link Reply} trees as RESP2 or RESP3 into a buffer. Requests are parsed by Netty's redis
 * codec; replies are written here because that codec knows only RESP2's five types.
 */
public final class ReplyEncoder {
  private static final byte[] CRLF = {'\r', '\n'};

  private ReplyEncoder() {}

  public static void write(Reply reply, int protocol, ByteBuf out) {
    boolean resp3 = protocol >= 3;
    switch (reply) {
      case Reply.Simple s -> line(out, '+', s.text());
      case Reply.Error e -> line(out, '-', e.message().replace('\r', ' ').replace('\n', ' '));
      case Reply.Int i -> number(out, ':', i.value());
      case Reply.Bulk b -> bulk(out, b.bytes());
      case Reply.Double d -> {
        if (resp3) {
          line(out, ',', RespDoubles.format(d.value()));
        } else {
          bulk(out, RespDoubles.format(d.value()).getBytes(StandardCharsets.US_ASCII));
        }
      }
      case Reply.Bool b -> {
        if (resp3) {
          line(out, '#', b.value() ? "t" : "f");
        } else {
          number(out, ':', b.value() ? 1 : 0);
        }
      }
      case Reply.Array a -> aggregate(out, '*', a.items(), a.items().size(), protocol);
      case Reply.Map m -> aggregate(out, resp3 ? '%' : '*', m.keysAndValues(),
          resp3 ? m.keysAndValues().size() / 2 : m.keysAndValues().size(), protocol);
      case Reply.Set s -> aggregate(out, resp3 ? '~' : '*', s.items(), s.items().size(), protocol);
      case Reply.Null n -> {
        if (resp3) {
          out.writeByte('_').writeBytes(CRLF);
        } else {
          out.writeByte(n == Reply.Null.NULL_ARRAY ? '*' : '$').writeByte('-').writeByte('1').writeBytes(CRLF);
        }
      }
    }
  }

  private static void aggregate(ByteBuf out, char type, List<Reply> items, int count, int protocol) {
    number(out, type, count);
    for (Reply r : items) {
      write(r, protocol, out);
    }
  }

  private static void line(ByteBuf out, char type, String text) {
    out.writeByte(type);
    out.writeCharSequence(text, StandardCharsets.UTF_8);
    out.writeBytes(CRLF);
  }

  private static void number(ByteBuf out, char type, long value) {
    out.writeByte(type);
    writeLong(out, value);
    out.writeBytes(CRLF);
  }

  private static void bulk(ByteBuf out, byte[] bytes) {
    number(out, '$', bytes.length);
    out.writeBytes(bytes);
    out.writeBytes(CRLF);
  }

  private static void writeLong(ByteBuf out, long value) {
    if (value >= 0 && value < 10) {
      out.writeByte('0' + (int) value);
      return;
    }
    out.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
  }
}
