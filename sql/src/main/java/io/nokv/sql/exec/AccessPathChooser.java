package io.nokv.sql.exec;

import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the access path for a filter: the primary key or the index whose leading columns the filter
 * pins down best (equalities, IN lists, then one range), and turns the conditions into key ranges.
 */
final class AccessPathChooser {
  /** Beyond this many ranges (IN lists multiplied out) a path is not used. */
  private static final int MAX_RANGES = 1000;

  record Choice(AccessPath path, List<KeyRange> ranges, int score) {}

  private AccessPathChooser() {}

  static Choice choose(TableDef def, KeyConditions k) {
    Choice best = null;
    if (!def.hasHiddenRowId()) {
      best = candidate(def, AccessPath.primary(def), k, 1);
    }
    for (IndexDef ix : def.indexes()) {
      if (!ix.isPublic()) {
        continue;
      }
      Choice c = candidate(def, AccessPath.index(def, ix), k, 0);
      if (c != null && (best == null || c.score() > best.score())) {
        best = c;
      }
    }
    return best;
  }

  /**
   * The ranges this path gives, scored: two points per pinned column, one for a final range, and a
   * tie-breaker that prefers the primary key (no row lookups) and then unique indexes.
   */
  private static Choice candidate(TableDef def, AccessPath path, KeyConditions k, int bonus) {
    List<KeyRange> ranges = new ArrayList<>();
    ranges.add(new KeyRange(List.of(), null, false, null, false));
    int score = 0;
    int n = path.rangeColumnCount();
    for (int i = 0; i < n; i++) {
      int ordinal = def.ordinalOf(path.keyColumnIds()[i]);
      List<Object> pts = k.points.get(ordinal);
      if (pts != null) {
        if (ranges.size() * pts.size() > MAX_RANGES) {
          break;
        }
        List<KeyRange> next = new ArrayList<>();
        for (KeyRange r : ranges) {
          for (Object p : pts) {
            next.add(r.withEq(p));
          }
        }
        ranges = next;
        score += 20;
        continue;
      }
      List<Object[]> bounds = k.ranges.get(ordinal);
      if (bounds != null && ranges.size() * bounds.size() <= MAX_RANGES) {
        List<KeyRange> next = new ArrayList<>();
        for (KeyRange r : ranges) {
          for (Object[] b : bounds) {
            next.add(r.withBounds(b[0], (Boolean) b[1], b[2], (Boolean) b[3]));
          }
        }
        ranges = next;
        score += 10;
      }
      break;
    }
    if (score == 0) {
      return null;
    }
    boolean fullyPinned = !ranges.get(0).hasBounds() && ranges.get(0).eq().size() == n;
    if (fullyPinned && (path.isPrimary() || path.index().unique())) {
      score += 5;
    }
    return new Choice(path, ranges, score * 4 + bonus * 2 + (path.isPrimary() || path.index().unique() ? 1 : 0));
  }
}
