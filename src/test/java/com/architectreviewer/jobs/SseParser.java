package com.architectreviewer.jobs;

import java.util.ArrayList;
import java.util.List;

/** Reads a complete {@code text/event-stream} body into its events (comments skipped). */
final class SseParser {

  record Event(String id, String name, String data) {}

  private SseParser() {}

  static List<Event> parse(String body) {
    var events = new ArrayList<Event>();
    if (body == null) {
      return events;
    }
    String id = null;
    String name = null;
    var data = new StringBuilder();
    for (String line : body.split("\n", -1)) {
      if (line.isEmpty()) {
        if (!data.isEmpty() || name != null) {
          events.add(new Event(id, name, data.toString()));
        }
        id = null;
        name = null;
        data.setLength(0);
      } else if (line.startsWith("id:")) {
        id = line.substring(3).trim();
      } else if (line.startsWith("event:")) {
        name = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).trim());
      }
    }
    return events;
  }
}
