package com.architectreviewer.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Extracts zip and tar.gz archives into a folder, refusing what could escape it or exhaust the
 * machine: entry names with {@code ..} or an absolute path, links and devices, duplicate names, too
 * many entries, too many bytes, and compression ratios typical of zip bombs. Sizes are counted as
 * bytes are really written, never taken from the archive's headers. With a null target it only
 * checks (nothing is written).
 */
final class ArchiveExtractor {

  private final ArchiveLimits limits;

  ArchiveExtractor(ArchiveLimits limits) {
    this.limits = limits;
  }

  /** Checks the archive without writing anything; returns the number of entries. */
  int check(byte[] archive, ArchiveFormat format) {
    return extract(archive, format, null);
  }

  /** Extracts into {@code target} (an existing, empty folder); returns the number of entries. */
  int extract(byte[] archive, ArchiveFormat format, Path target) {
    try {
      Path root = target == null ? null : target.toRealPath();
      return switch (format) {
        case ZIP -> extractZip(archive, root);
        case TAR_GZ -> extractTar(archive, root);
      };
    } catch (IOException e) {
      throw new ArchiveRejected("The archive is damaged or not a valid " + format.id + " file.");
    }
  }

  /**
   * Zip entries are read through the central directory: only it records which entries are symbolic
   * links, so a streaming reader could not refuse them.
   */
  private int extractZip(byte[] archive, Path root) throws IOException {
    int declared = declaredZipEntries(archive);
    if (declared > limits.maxEntries()) {
      throw new ArchiveRejected("The archive has more than " + limits.maxEntries() + " entries.");
    }
    try (var zip =
        ZipFile.builder()
            .setSeekableByteChannel(new SeekableInMemoryByteChannel(archive))
            .setIgnoreLocalFileHeader(false)
            .get()) {
      var sink = new Sink(root, archive.length);
      for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
        if (entry.isUnixSymlink()) {
          throw new ArchiveRejected(
              "The entry '"
                  + shorten(entry.getName())
                  + "' is a symbolic link; archives may hold"
                  + " only files and folders.");
        }
        if (!zip.canReadEntryData(entry)) {
          throw new ArchiveRejected(
              "The entry '"
                  + shorten(entry.getName())
                  + "' uses an unsupported compression"
                  + " method or encryption.");
        }
        try (InputStream in = entry.isDirectory() ? null : zip.getInputStream(entry)) {
          sink.accept(entry.getName(), entry.isDirectory(), in);
        }
      }
      return sink.count;
    }
  }

  private int extractTar(byte[] archive, Path root) throws IOException {
    try (var tar =
        new TarArchiveInputStream(
            new GzipCompressorInputStream(new ByteArrayInputStream(archive), true))) {
      var sink = new Sink(root, archive.length);
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isSymbolicLink()
            || entry.isLink()
            || entry.isCharacterDevice()
            || entry.isBlockDevice()
            || entry.isFIFO()
            || !(entry.isFile() || entry.isDirectory())) {
          throw new ArchiveRejected(
              "The entry '"
                  + shorten(entry.getName())
                  + "' is a link or a device; archives may"
                  + " hold only files and folders.");
        }
        sink.accept(entry.getName(), entry.isDirectory(), entry.isDirectory() ? null : tar);
      }
      return sink.count;
    }
  }

  /**
   * The entry count in the zip's end-of-central-directory record, read before the central directory
   * itself so a directory of millions of entries is refused without loading it; -1 when the record
   * is not found (the zip reader then reports the damage).
   */
  static int declaredZipEntries(byte[] zip) {
    int lowest = Math.max(0, zip.length - 22 - 0xFFFF);
    for (int i = zip.length - 22; i >= lowest; i--) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
        return (zip[i + 10] & 0xff) | (zip[i + 11] & 0xff) << 8;
      }
    }
    return -1;
  }

  /** Writes entries under the root (or nowhere), counting entries and real bytes. */
  private final class Sink {
    private final Path root;
    private final long compressed;
    private final byte[] buffer = new byte[64 * 1024];
    int count;
    long written;

    Sink(Path root, long compressed) {
      this.root = root;
      this.compressed = compressed;
    }

    void accept(String rawName, boolean directory, InputStream content) throws IOException {
      if (++count > limits.maxEntries()) {
        throw new ArchiveRejected("The archive has more than " + limits.maxEntries() + " entries.");
      }
      String name = safeName(rawName);
      Path destination = root == null ? null : resolve(root, name);
      if (directory) {
        if (destination != null) {
          Files.createDirectories(destination);
        }
        return;
      }
      try (OutputStream out =
          destination == null ? OutputStream.nullOutputStream() : create(destination, name)) {
        int read;
        while ((read = content.read(buffer)) != -1) {
          written += read;
          checkSize(written, compressed);
          out.write(buffer, 0, read);
        }
      }
    }
  }

  private void checkSize(long written, long compressed) {
    if (written > limits.maxUncompressedBytes()) {
      throw new ArchiveRejected(
          "The archive expands to more than "
              + limits.maxUncompressedBytes() / (1024 * 1024)
              + " MiB.");
    }
    if (written > ArchiveLimits.RATIO_FLOOR_BYTES
        && written / Math.max(compressed, 1) > limits.maxRatio()) {
      throw new ArchiveRejected(
          "The archive expands more than "
              + limits.maxRatio()
              + " times its size, as zip bombs do; it was refused.");
    }
  }

  /** The entry name as a relative path inside the archive, or a refusal. */
  static String safeName(String raw) {
    if (raw == null || raw.isEmpty() || raw.indexOf('\0') >= 0) {
      throw new ArchiveRejected("The archive has an entry without a usable name.");
    }
    String name = raw.replace('\\', '/');
    if (name.startsWith("/") || (name.length() > 1 && name.charAt(1) == ':')) {
      throw new ArchiveRejected("The entry '" + shorten(raw) + "' has an absolute path.");
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        throw new ArchiveRejected(
            "The entry '" + shorten(raw) + "' points outside the archive (..).");
      }
    }
    return name;
  }

  private static Path resolve(Path root, String name) {
    Path destination = root.resolve(name).normalize();
    if (!destination.startsWith(root) || destination.equals(root) && !name.endsWith("/")) {
      throw new ArchiveRejected("The entry '" + shorten(name) + "' points outside the archive.");
    }
    return destination;
  }

  private static OutputStream create(Path destination, String name) throws IOException {
    Path parent = destination.getParent();
    Files.createDirectories(parent);
    if (!parent.toRealPath().equals(parent)
        || Files.isSymbolicLink(destination)
        || Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
      throw new ArchiveRejected(
          "The entry '" + shorten(name) + "' appears twice or escapes the folder.");
    }
    try {
      return Files.newOutputStream(
          destination,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    } catch (FileAlreadyExistsException e) {
      throw new ArchiveRejected("The entry '" + shorten(name) + "' appears twice in the archive.");
    }
  }

  private static String shorten(String name) {
    return name.length() > 120 ? name.substring(0, 120) + "…" : name;
  }
}
