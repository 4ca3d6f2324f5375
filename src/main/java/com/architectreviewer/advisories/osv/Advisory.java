package com.architectreviewer.advisories.osv;

import java.time.Instant;
import java.util.List;

/**
 * One OSV advisory, reduced to what matching and reporting need.
 *
 * @param id the OSV id (GHSA-…, PYSEC-…, …)
 * @param modified when the database last changed it: re-imports skip entries not newer than this
 * @param withdrawn when it was withdrawn, or null; withdrawn advisories never match
 * @param aliases other ids of the same vulnerability (CVE-…, GHSA-…)
 * @param summary one line; the first line of {@code details} when the summary is missing
 * @param cvssVectors CVSS vectors from {@code severity[]}, e.g. {@code CVSS:3.1/AV:N/…}
 * @param databaseSeverity the database's own rating ({@code database_specific.severity}), or null
 * @param affected the affected packages and their ranges
 */
public record Advisory(
    String id,
    Instant modified,
    Instant withdrawn,
    List<String> aliases,
    String summary,
    List<String> cvssVectors,
    String databaseSeverity,
    List<Affected> affected) {

  public Advisory {
    aliases = List.copyOf(aliases);
    cvssVectors = List.copyOf(cvssVectors);
    affected = List.copyOf(affected);
  }

  public boolean isWithdrawn() {
    return withdrawn != null;
  }

  /**
   * One affected package.
   *
   * @param ecosystem OSV ecosystem name ({@code npm}, {@code Maven}, {@code PyPI}, …)
   * @param name package name as the ecosystem spells it ({@code group:artifact} for Maven)
   * @param ranges version ranges
   * @param versions explicitly listed affected versions
   */
  public record Affected(String ecosystem, String name, List<Range> ranges, List<String> versions) {
    public Affected {
      ranges = List.copyOf(ranges);
      versions = List.copyOf(versions);
    }
  }

  /** One OSV range: {@code SEMVER}, {@code ECOSYSTEM} or {@code GIT} with its events. */
  public record Range(String type, List<Event> events) {
    public Range {
      events = List.copyOf(events);
    }
  }

  /** One range event. {@code introduced} may be {@code "0"}: before every version. */
  public record Event(Kind kind, String version) {}

  /** The event kinds of the OSV schema. */
  public enum Kind {
    INTRODUCED("introduced"),
    FIXED("fixed"),
    LAST_AFFECTED("last_affected"),
    LIMIT("limit");

    private final String field;

    Kind(String field) {
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
