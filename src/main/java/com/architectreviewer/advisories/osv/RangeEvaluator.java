package com.architectreviewer.advisories.osv;

import com.architectreviewer.advisories.version.Schemes;
import com.architectreviewer.advisories.version.VersionScheme;
import com.architectreviewer.advisories.version.VersionScheme.Key;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides whether a version is affected, following the OSV schema's evaluation: the events of a
 * range sorted by version, {@code introduced} turns "affected" on, {@code fixed} (at or above) and
 * {@code last_affected} (above) turn it off, {@code limit} caps the range; or the version is listed
 * in {@code versions}. {@code SEMVER} ranges use Semantic Versioning order, {@code ECOSYSTEM}
 * ranges the ecosystem's own; {@code GIT} ranges are not evaluated (no commits in a lockfile).
 */
public final class RangeEvaluator {

  private final VersionScheme ecosystemScheme;

  public RangeEvaluator(VersionScheme ecosystemScheme) {
    this.ecosystemScheme = ecosystemScheme;
  }

  public boolean affects(Advisory.Affected affected, String version) {
    for (String listed : affected.versions()) {
      if (listed.equals(version) || sameVersion(listed, version)) {
        return true;
      }
    }
    for (Advisory.Range range : affected.ranges()) {
      VersionScheme scheme = schemeOf(range);
      if (scheme == null) {
        continue;
      }
      Optional<Key> key = scheme.parse(version);
      if (key.isPresent() && inRange(key.get(), range, scheme)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code fixed} versions above {@code installed} that are themselves unaffected, smallest
   * first.
   */
  public List<String> fixesAbove(Advisory.Affected affected, String installed) {
    Optional<Key> current = ecosystemScheme.parse(installed);
    var fixes = new TreeSet<>(ecosystemScheme.comparator());
    for (Advisory.Range range : affected.ranges()) {
      if (schemeOf(range) == null) {
        continue;
      }
      for (Advisory.Event event : range.events()) {
        if (event.kind() != Advisory.Kind.FIXED) {
          continue;
        }
        Optional<Key> fix = ecosystemScheme.parse(event.version());
        if (fix.isPresent()
            && (current.isEmpty() || fix.get().compareTo(current.get()) > 0)
            && !affects(affected, event.version())) {
          fixes.add(event.version());
        }
      }
    }
    return List.copyOf(fixes);
  }

  /** Every {@code fixed} version named by the entry, in version order. */
  public List<String> fixedVersions(Advisory.Affected affected) {
    var fixes = new TreeSet<>(ecosystemScheme.comparator());
    for (Advisory.Range range : affected.ranges()) {
      for (Advisory.Event event : range.events()) {
        if (event.kind() == Advisory.Kind.FIXED && schemeOf(range) != null) {
          fixes.add(event.version());
        }
      }
    }
    return List.copyOf(fixes);
  }

  private VersionScheme schemeOf(Advisory.Range range) {
    return switch (range.type()) {
      case "SEMVER" -> Schemes.SEMVER;
      case "ECOSYSTEM" -> ecosystemScheme;
      default -> null;
    };
  }

  private boolean sameVersion(String a, String b) {
    var ka = ecosystemScheme.parse(a);
    var kb = ecosystemScheme.parse(b);
    return ka.isPresent() && kb.isPresent() && ka.get().compareTo(kb.get()) == 0;
  }

  private record Parsed(Advisory.Kind kind, Key key) {}

  /** A range whose event versions do not parse is skipped: we cannot say, so we do not claim. */
  private static boolean inRange(Key v, Advisory.Range range, VersionScheme scheme) {
    var events = new ArrayList<Parsed>();
    boolean hasLimit = false;
    boolean belowSomeLimit = false;
    for (Advisory.Event event : range.events()) {
      if (event.kind() == Advisory.Kind.INTRODUCED && "0".equals(event.version())) {
        events.add(new Parsed(Advisory.Kind.INTRODUCED, null));
        continue;
      }
      if (event.kind() == Advisory.Kind.LIMIT && "*".equals(event.version())) {
        hasLimit = true;
        belowSomeLimit = true;
        continue;
      }
      Optional<Key> key = scheme.parse(event.version());
      if (key.isEmpty()) {
        return false;
      }
      if (event.kind() == Advisory.Kind.LIMIT) {
        hasLimit = true;
        belowSomeLimit |= v.compareTo(key.get()) < 0;
      } else {
        events.add(new Parsed(event.kind(), key.get()));
      }
    }
    if (hasLimit && !belowSomeLimit) {
      return false;
    }
    events.sort(
        Comparator.comparing(Parsed::key, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Parsed::kind));
    boolean affected = false;
    for (Parsed e : events) {
      int c = e.key() == null ? 1 : v.compareTo(e.key());
      switch (e.kind()) {
        case INTRODUCED -> affected |= c >= 0;
        case FIXED -> affected &= c < 0;
        case LAST_AFFECTED -> affected &= c <= 0;
        default -> {}
      }
    }
    return affected;
  }
}
