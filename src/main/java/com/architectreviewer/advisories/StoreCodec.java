package com.architectreviewer.advisories;

import com.architectreviewer.advisories.osv.Advisory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The local store's file format: a magic number and format version, the last import time, then each
 * advisory as length-prefixed fields (UTF-8 strings, epoch-millisecond times). Compact and read
 * sequentially in one pass; no field is parsed twice.
 */
final class StoreCodec {

  static final int MAGIC = 0x4F535631; // "OSV1"
  static final int FORMAT = 1;

  /** The file's contents. */
  record Contents(Instant lastImport, List<Advisory> advisories) {}

  /** Thrown when the file is not a store of this format. */
  static final class NotAStore extends IOException {
    NotAStore(String message) {
      super(message);
    }
  }

  private StoreCodec() {}

  static void write(DataOutputStream out, Instant lastImport, Collection<Advisory> advisories)
      throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeLong(lastImport.toEpochMilli());
    out.writeInt(advisories.size());
    for (Advisory a : advisories) {
      out.writeUTF(a.id());
      out.writeLong(a.modified().toEpochMilli());
      out.writeUTF(a.summary());
      strings(out, a.aliases());
      strings(out, a.cvssVectors());
      out.writeUTF(a.databaseSeverity() == null ? "" : a.databaseSeverity());
      out.writeInt(a.affected().size());
      for (Advisory.Affected affected : a.affected()) {
        out.writeUTF(affected.ecosystem());
        out.writeUTF(affected.name());
        out.writeInt(affected.ranges().size());
        for (Advisory.Range range : affected.ranges()) {
          out.writeUTF(range.type());
          out.writeInt(range.events().size());
          for (Advisory.Event event : range.events()) {
            out.writeByte(event.kind().ordinal());
            out.writeUTF(event.version());
          }
        }
        strings(out, affected.versions());
      }
    }
  }

  static Contents read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new NotAStore("not an advisory store file");
    }
    int format = in.readInt();
    if (format != FORMAT) {
      throw new NotAStore("advisory store format " + format + " is not readable by this version");
    }
    Instant lastImport = Instant.ofEpochMilli(in.readLong());
    int count = in.readInt();
    var advisories = new ArrayList<Advisory>(count);
    Advisory.Kind[] kinds = Advisory.Kind.values();
    for (int i = 0; i < count; i++) {
      String id = in.readUTF();
      Instant modified = Instant.ofEpochMilli(in.readLong());
      String summary = in.readUTF();
      List<String> aliases = strings(in);
      List<String> vectors = strings(in);
      String severity = in.readUTF();
      int affectedCount = in.readInt();
      var affected = new ArrayList<Advisory.Affected>(affectedCount);
      for (int j = 0; j < affectedCount; j++) {
        String ecosystem = in.readUTF();
        String name = in.readUTF();
        int rangeCount = in.readInt();
        var ranges = new ArrayList<Advisory.Range>(rangeCount);
        for (int k = 0; k < rangeCount; k++) {
          String type = in.readUTF();
          int eventCount = in.readInt();
          var events = new ArrayList<Advisory.Event>(eventCount);
          for (int e = 0; e < eventCount; e++) {
            events.add(new Advisory.Event(kinds[in.readByte()], in.readUTF()));
          }
          ranges.add(new Advisory.Range(type, events));
        }
        affected.add(new Advisory.Affected(ecosystem, name, ranges, strings(in)));
      }
      advisories.add(
          new Advisory(
              id,
              modified,
              null,
              aliases,
              summary,
              vectors,
              severity.isEmpty() ? null : severity,
              affected));
    }
    return new Contents(lastImport, advisories);
  }

  private static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeUTF(v);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    var values = new ArrayList<String>(n);
    for (int i = 0; i < n; i++) {
      values.add(in.readUTF());
    }
    return values;
  }
}
