package io.nokv.server.resp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command ({@code SET "a b" c} typed into telnet) into arguments the way Redis's
 * {@code sdssplitargs} does: words separated by blanks; double quotes with {@code \n \r \t \b \a
 * \xHH} and {@code \\} escapes; single quotes with only {@code \'}; a closing quote must be followed
 * by a blank or the end.
 */
final class InlineCommand {
  private InlineCommand() {}

  /** Thrown for an unterminated quote, answered as Redis does ({@code unbalanced quotes in request}). */
  static final class UnbalancedQuotesException extends Exception {
    UnbalancedQuotesException() {
      super("Protocol error: unbalanced quotes in request", null, false, false);
    }
  }

  /** The arguments of {@code line}; empty for a blank line. */
  static List<byte[]> split(String line) throws UnbalancedQuotesException {
    byte[] s = line.getBytes(StandardCharsets.UTF_8);
    List<byte[]> args = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < s.length && isSpace(s[i])) {
        i++;
      }
      if (i == s.length) {
        return args;
      }
      ByteArrayOutputStream word = new ByteArrayOutputStream();
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      while (!done) {
        if (inDouble) {
          if (i == s.length) {
            throw new UnbalancedQuotesException();
          }
          if (s[i] == '\\' && i + 3 < s.length && s[i + 1] == 'x' && isHex(s[i + 2]) && isHex(s[i + 3])) {
            word.write(Character.digit(s[i + 2], 16) * 16 + Character.digit(s[i + 3], 16));
            i += 3;
          } else if (s[i] == '\\' && i + 1 < s.length) {
            i++;
            word.write(switch (s[i]) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'b' -> '\b';
              case 'a' -> 7;
              default -> s[i];
            });
          } else if (s[i] == '"') {
            if (i + 1 < s.length && !isSpace(s[i + 1])) {
              throw new UnbalancedQuotesException(); // the closing quote must end the word
            }
            done = true;
          } else {
            word.write(s[i]);
          }
        } else if (inSingle) {
          if (i == s.length) {
            throw new UnbalancedQuotesException();
          }
          if (s[i] == '\\' && i + 1 < s.length && s[i + 1] == '\'') {
            i++;
            word.write('\'');
          } else if (s[i] == '\'') {
            if (i + 1 < s.length && !isSpace(s[i + 1])) {
              throw new UnbalancedQuotesException();
            }
            done = true;
          } else {
            word.write(s[i]);
          }
        } else if (i == s.length || isSpace(s[i])) {
          done = true;
        } else if (s[i] == '"') {
          inDouble = true;
        } else if (s[i] == '\'') {
          inSingle = true;
        } else {
          word.write(s[i]);
        }
        if (i < s.length) {
          i++;
        }
      }
      args.add(word.toByteArray());
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0x0b || b == '\f';
  }

  private static boolean isHex(byte b) {
    return Character.digit(b, 16) >= 0;
  }
}
