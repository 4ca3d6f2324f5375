package com.architectreviewer.advisories.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version with its normalised parts. Ordering follows the specification: epoch, release
 * (trailing zeros ignored), then a dev release of a final version before its pre-releases, then
 * pre-releases (a < b < rc) before the final release, post-releases after it, dev releases before
 * what they develop, and local versions after their public version.
 */
record Pep440Version(
    long epoch,
    List<Long> release,
    int preLetter,
    long preNumber,
    long post,
    long dev,
    List<String> local)
    implements Comparable<Pep440Version> {

  /** No pre-release (or no post/dev): sorts after every real value, or before it for NONE_LOW. */
  private static final int NO_PRE = Integer.MAX_VALUE;

  private static final int DEV_ONLY = Integer.MIN_VALUE;
  private static final long NONE_LOW = Long.MIN_VALUE;
  private static final long NONE_HIGH = Long.MAX_VALUE;

  private static final Pattern PATTERN =
      Pattern.compile(
          "^\\s*v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?:[-_.]?(?<prel>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<pren>[0-9]+)?)?"
              + "(?:-(?<postimplicit>[0-9]+)|[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn>[0-9]+)?)?"
              + "(?:[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$",
          Pattern.CASE_INSENSITIVE);

  static Optional<Pep440Version> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = PATTERN.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long epoch = m.group("epoch") == null ? 0 : Long.parseLong(m.group("epoch"));
      var release = new ArrayList<Long>();
      for (String part : m.group("release").split("\\.")) {
        release.add(Long.parseLong(part));
      }
      while (release.size() > 1 && release.getLast() == 0L) {
        release.removeLast();
      }
      boolean hasPost = m.group("postimplicit") != null || m.group("postl") != null;
      boolean hasDev = m.group("devl") != null;
      int preLetter;
      long preNumber = 0;
      if (m.group("prel") != null) {
        preLetter = preLetter(m.group("prel").toLowerCase(Locale.ROOT));
        preNumber = number(m.group("pren"));
      } else if (!hasPost && hasDev) {
        preLetter = DEV_ONLY;
      } else {
        preLetter = NO_PRE;
      }
      long post =
          !hasPost
              ? NONE_LOW
              : m.group("postimplicit") != null
                  ? Long.parseLong(m.group("postimplicit"))
                  : number(m.group("postn"));
      long dev = hasDev ? number(m.group("devn")) : NONE_HIGH;
      List<String> local =
          m.group("local") == null
              ? List.of()
              : List.of(m.group("local").toLowerCase(Locale.ROOT).split("[-_.]"));
      return Optional.of(
          new Pep440Version(epoch, List.copyOf(release), preLetter, preNumber, post, dev, local));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static int preLetter(String letter) {
    return switch (letter) {
      case "a", "alpha" -> 0;
      case "b", "beta" -> 1;
      default -> 2; // rc, c, pre, preview
    };
  }

  @Override
  public int compareTo(Pep440Version o) {
    int c = Long.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareRelease(release, o.release);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(preLetter, o.preLetter);
    if (c != 0) {
      return c;
    }
    c = Long.compare(preNumber, o.preNumber);
    if (c != 0) {
      return c;
    }
    c = Long.compare(post, o.post);
    if (c != 0) {
      return c;
    }
    c = Long.compare(dev, o.dev);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  private static int compareRelease(List<Long> a, List<Long> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      long x = i < a.size() ? a.get(i) : 0;
      long y = i < b.size() ? b.get(i) : 0;
      if (x != y) {
        return Long.compare(x, y);
      }
    }
    return 0;
  }

  /** No local part sorts first; numeric segments sort after alphanumeric ones. */
  private static int compareLocal(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(!a.isEmpty(), !b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareSegment(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareSegment(String x, String y) {
    boolean xn = x.chars().allMatch(Character::isDigit);
    boolean yn = y.chars().allMatch(Character::isDigit);
    if (xn && yn) {
      return new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
    }
    if (xn != yn) {
      return xn ? 1 : -1;
    }
    return x.compareTo(y);
  }
}
