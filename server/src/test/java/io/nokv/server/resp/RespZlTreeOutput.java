package io.nokv.server.resp;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A Lettuce output that keeps a reply's exact shape: bulk strings as String, RESP3 doubles as
 * Double, integers as Long, arrays (nested too) as List, nulls as null. Lettuce's own generic
 * outputs either reject top-level scalars or flatten nesting, and the tests compare shapes.
 */
final class RespZlTreeOutput extends CommandOutput<String, String, Object> {
  private final Deque<Frame> open = new ArrayDeque<>();

  private record Frame(List<Object> items, int[] remaining) {}

  RespZlTreeOutput() {
    super(StringCodec.UTF8, null);
  }

  @Override
  public void set(ByteBuffer bytes) {
    add(bytes == null ? null : StringCodec.UTF8.decodeValue(bytes));
  }

  @Override
  public void set(long integer) {
    add(integer);
  }

  @Override
  public void set(double number) {
    add(number);
  }

  @Override
  public void set(boolean value) {
    add(value);
  }

  @Override
  public void multi(int count) {
    if (count < 0) {
      add(null);
      return;
    }
    List<Object> list = new ArrayList<>(count);
    attach(list);
    if (count > 0) {
      open.push(new Frame(list, new int[] {count}));
    } else {
      closeFinished();
    }
  }

  private void add(Object value) {
    attach(value);
    closeFinished();
  }

  private void attach(Object value) {
    if (open.isEmpty()) {
      output = value;
    } else {
      Frame top = open.peek();
      top.items().add(value);
      top.remaining()[0]--;
    }
  }

  private void closeFinished() {
    while (!open.isEmpty() && open.peek().remaining()[0] == 0) {
      open.pop();
    }
  }
}
