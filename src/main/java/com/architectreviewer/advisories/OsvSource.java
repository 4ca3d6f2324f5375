package com.architectreviewer.advisories;

import com.architectreviewer.advisories.osv.Advisory;
import com.architectreviewer.advisories.osv.OsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads OSV advisories from a folder of JSON files, one JSON file, or an ecosystem's {@code
 * all.zip}. Zip entries are read in memory, never extracted, and names that would escape a folder
 * ({@code ..}, absolute paths) are refused; every entry and the whole archive are size-limited by
 * the bytes actually read, not by the sizes the archive claims.
 */
final class OsvSource {

  /** Receives each advisory with its raw JSON. */
  interface Sink {
    void accept(Advisory advisory, byte[] json);
  }

  /** Thrown when the source cannot be imported at all; the message says why. */
  static final class UnreadableSource extends Exception {
    UnreadableSource(String message) {
      super(message);
    }
  }

  static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;
  static final long MAX_ARCHIVE_BYTES = 4L * 1024 * 1024 * 1024;
  static final int MAX_ENTRIES = 2_000_000;

  private final OsvParser parser = new OsvParser();

  /** Reads every advisory; problems with single documents are added to {@code warnings}. */
  void read(Path source, Sink sink, List<String> warnings) throws UnreadableSource, IOException {
    if (!Files.exists(source)) {
      throw new UnreadableSource(source + " does not exist");
    }
    if (Files.isDirectory(source)) {
      readFolder(source, sink, warnings);
    } else if (source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      readZip(source, sink, warnings);
    } else if (source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      accept(
          source.getFileName().toString(),
          readLimited(Files.newInputStream(source)),
          sink,
          warnings);
    } else {
      throw new UnreadableSource(source + " is neither a folder, a .json file nor a .zip archive");
    }
  }

  private void readFolder(Path folder, Sink sink, List<String> warnings) throws IOException {
    Files.walkFileTree(
        folder,
        Set.of(),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".json")) {
              String name = folder.relativize(file).toString();
              if (attrs.size() > MAX_DOCUMENT_BYTES) {
                warnings.add(
                    name + ": larger than " + (MAX_DOCUMENT_BYTES >> 20) + " MiB, skipped");
              } else {
                accept(name, Files.readAllBytes(file), sink, warnings);
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            warnings.add(folder.relativize(file) + ": unreadable, skipped");
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private void readZip(Path archive, Sink sink, List<String> warnings)
      throws UnreadableSource, IOException {
    try (var zip = new ZipFile(archive.toFile())) {
      long total = 0;
      int entries = 0;
      var it = zip.entries();
      while (it.hasMoreElements()) {
        ZipEntry entry = it.nextElement();
        if (++entries > MAX_ENTRIES) {
          throw new UnreadableSource(archive + ": more than " + MAX_ENTRIES + " entries");
        }
        String name = entry.getName();
        if (entry.isDirectory() || !name.endsWith(".json")) {
          continue;
        }
        if (escapes(name)) {
          warnings.add(name + ": entry name leaves the archive's folder, refused");
          continue;
        }
        byte[] json;
        try (InputStream in = zip.getInputStream(entry)) {
          json = readLimited(in);
        } catch (DocumentTooLarge e) {
          warnings.add(name + ": larger than " + (MAX_DOCUMENT_BYTES >> 20) + " MiB, skipped");
          continue;
        }
        total += json.length;
        if (total > MAX_ARCHIVE_BYTES) {
          throw new UnreadableSource(
              archive + ": more than " + (MAX_ARCHIVE_BYTES >> 30) + " GiB uncompressed");
        }
        accept(name, json, sink, warnings);
      }
    } catch (ZipException e) {
      throw new UnreadableSource(
          archive + " is not a readable zip archive (" + e.getMessage() + ")");
    } catch (NoSuchFileException e) {
      throw new UnreadableSource(archive + " does not exist");
    }
  }

  static boolean escapes(String entryName) {
    String n = entryName.replace('\\', '/');
    if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
      return true;
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static final class DocumentTooLarge extends IOException {}

  private static byte[] readLimited(InputStream in) throws IOException {
    try (in) {
      byte[] data = in.readNBytes((int) MAX_DOCUMENT_BYTES + 1);
      if (data.length > MAX_DOCUMENT_BYTES) {
        throw new DocumentTooLarge();
      }
      return data;
    }
  }

  private void accept(String name, byte[] json, Sink sink, List<String> warnings) {
    try {
      sink.accept(parser.parse(json), json);
    } catch (OsvParser.NotAnAdvisory e) {
      warnings.add(name + ": " + e.getMessage() + ", skipped");
    }
  }
}
