package com.architectreviewer.scan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code scans} table's count columns, one per severity, most severe first. */
final class SeverityColumns {

  static final List<String> NAMES = List.of("critical", "high", "medium", "low", "info");

  private SeverityColumns() {}

  /** The counts of the current row, keyed by severity in {@link #NAMES} order. */
  static Map<String, Integer> read(ResultSet rs) throws SQLException {
    var counts = new LinkedHashMap<String, Integer>();
    for (String severity : NAMES) {
      counts.put(severity, rs.getInt(severity));
    }
    return counts;
  }
}
