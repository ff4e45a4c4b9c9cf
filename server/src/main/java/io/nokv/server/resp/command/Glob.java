package io.nokv.server.resp.command;

/**
 * Redis's glob-style patterns (KEYS, SCAN MATCH, HSCAN...): {@code *}, {@code ?}, {@code [abc]},
 * {@code [^a]}, {@code [a-z]} and {@code \} escapes, matched on bytes as Redis's stringmatchlen does.
 */
public final class Glob {
  private final byte[] pattern;
  private final boolean matchesAll;

  public Glob(byte[] pattern) {
    this.pattern = pattern;
    this.matchesAll = pattern.length == 1 && pattern[0] == '*';
  }

  public boolean matches(byte[] s) {
    return matchesAll || match(pattern, 0, s, 0, 0);
  }

  private static boolean match(byte[] p, int pi, byte[] s, int si, int depth) {
    if (depth > 1000) {
      return false; // Redis bounds the recursion too
    }
    while (pi < p.length) {
      switch (p[pi]) {
        case '*' -> {
          while (pi + 1 < p.length && p[pi + 1] == '*') {
            pi++;
          }
          if (pi + 1 == p.length) {
            return true;
          }
          for (int k = si; k <= s.length; k++) {
            if (match(p, pi + 1, s, k, depth + 1)) {
              return true;
            }
          }
          return false;
        }
        case '?' -> {
          if (si >= s.length) {
            return false;
          }
          si++;
        }
        case '[' -> {
          if (si >= s.length) {
            return false;
          }
          pi++;
          boolean not = pi < p.length && p[pi] == '^';
          if (not) {
            pi++;
          }
          boolean hit = false;
          while (pi < p.length && p[pi] != ']') {
            if (p[pi] == '\\' && pi + 1 < p.length) {
              pi++;
              hit |= p[pi] == s[si];
            } else if (pi + 2 < p.length && p[pi + 1] == '-') {
              int lo = p[pi] & 0xff;
              int hi = p[pi + 2] & 0xff;
              if (lo > hi) {
                int t = lo;
                lo = hi;
                hi = t;
              }
              int c = s[si] & 0xff;
              hit |= c >= lo && c <= hi;
              pi += 2;
            } else {
              hit |= p[pi] == s[si];
            }
            pi++;
          }
          if (pi >= p.length) {
            pi--; // an unterminated class ends the pattern, as in Redis
          }
          if (hit == not) {
            return false;
          }
          si++;
        }
        case '\\' -> {
          if (pi + 1 < p.length) {
            pi++;
          }
          if (si >= s.length || p[pi] != s[si]) {
            return false;
          }
          si++;
        }
        default -> {
          if (si >= s.length || p[pi] != s[si]) {
            return false;
          }
          si++;
        }
      }
      pi++;
    }
    return si == s.length;
  }
}
