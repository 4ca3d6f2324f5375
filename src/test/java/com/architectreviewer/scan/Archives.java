package com.architectreviewer.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds zip and tar.gz archives in memory for tests, including hostile ones. */
final class Archives {

  private Archives() {}

  interface ZipWriter {
    void file(String name, byte[] content) throws IOException;

    void symlink(String name, String target) throws IOException;
  }

  interface TarWriter {
    void file(String name, byte[] content) throws IOException;

    void symlink(String name, String target) throws IOException;

    void hardlink(String name, String target) throws IOException;
  }

  static byte[] zip(IoConsumer<ZipWriter> body) {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipArchiveOutputStream(bytes)) {
      body.accept(
          new ZipWriter() {
            @Override
            public void file(String name, byte[] content) throws IOException {
              var entry = new ZipArchiveEntry(name);
              zip.putArchiveEntry(entry);
              zip.write(content);
              zip.closeArchiveEntry();
            }

            @Override
            public void symlink(String name, String target) throws IOException {
              var entry = new ZipArchiveEntry(name);
              entry.setUnixMode(0120777);
              zip.putArchiveEntry(entry);
              zip.write(target.getBytes(StandardCharsets.UTF_8));
              zip.closeArchiveEntry();
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] tarGz(IoConsumer<TarWriter> body) {
    var bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      body.accept(
          new TarWriter() {
            @Override
            public void file(String name, byte[] content) throws IOException {
              var entry = new TarArchiveEntry(name);
              entry.setSize(content.length);
              tar.putArchiveEntry(entry);
              tar.write(content);
              tar.closeArchiveEntry();
            }

            @Override
            public void symlink(String name, String target) throws IOException {
              var entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
              entry.setLinkName(target);
              tar.putArchiveEntry(entry);
              tar.closeArchiveEntry();
            }

            @Override
            public void hardlink(String name, String target) throws IOException {
              var entry = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
              entry.setLinkName(target);
              tar.putArchiveEntry(entry);
              tar.closeArchiveEntry();
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A zip of every file under {@code root}, with paths relative to it. */
  static byte[] zipOf(Path root) {
    return zip(zip -> {
      try (var files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          zip.file(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
      }
    });
  }

  static byte[] zeros(int size) {
    return new byte[size];
  }

  static Consumer<byte[]> ignore() {
    return b -> {};
  }

  @FunctionalInterface
  interface IoConsumer<T> {
    void accept(T value) throws IOException;
  }
}
