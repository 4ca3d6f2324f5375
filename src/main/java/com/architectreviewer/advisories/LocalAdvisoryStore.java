package com.architectreviewer.advisories;

import com.architectreviewer.advisories.osv.Advisory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CLI's advisory database: one file, {@code advisories.bin}, in a folder ({@code
 * ~/.reviewer/advisories} by default). Imports are incremental by {@code modified} and replace the
 * file atomically, so a reader never sees half an import.
 */
public final class LocalAdvisoryStore {

  static final String FILE = "advisories.bin";

  private final Path folder;
  private final Clock clock;

  private LocalAdvisoryStore(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  public static LocalAdvisoryStore at(Path folder, Clock clock) {
    return new LocalAdvisoryStore(folder.toAbsolutePath().normalize(), clock);
  }

  /** {@code ~/.reviewer/advisories}. */
  public static Path defaultFolder() {
    return Path.of(System.getProperty("user.home"), ".reviewer", "advisories");
  }

  public Path folder() {
    return folder;
  }

  public boolean exists() {
    return Files.isRegularFile(folder.resolve(FILE));
  }

  /** Imports a folder of OSV JSON files, one JSON file, or an ecosystem's {@code all.zip}. */
  public ImportSummary importFrom(Path source) throws IOException, UnreadableAdvisories {
    long start = System.nanoTime();
    Map<String, Advisory> stored = new LinkedHashMap<>();
    var warnings = new ArrayList<String>();
    try {
      for (Advisory a : read().advisories()) {
        stored.put(a.id(), a);
      }
    } catch (StoreCodec.NotAStore damaged) {
      warnings.add(damaged.getMessage() + ": rebuilt from this import alone");
    }
    var counts = new int[5]; // read, added, updated, unchanged, withdrawn
    try {
      new OsvSource()
          .read(
              source,
              (advisory, json) -> {
                counts[0]++;
                Advisory existing = stored.get(advisory.id());
                if (advisory.isWithdrawn()) {
                  counts[4]++;
                  stored.remove(advisory.id());
                } else if (existing == null) {
                  counts[1]++;
                  stored.put(advisory.id(), advisory);
                } else if (advisory.modified().isAfter(existing.modified())) {
                  counts[2]++;
                  stored.put(advisory.id(), advisory);
                } else {
                  counts[3]++;
                }
              },
              warnings);
    } catch (OsvSource.UnreadableSource e) {
      throw new UnreadableAdvisories(e.getMessage());
    }
    write(stored.values());
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new ImportSummary(
        counts[0], counts[1], counts[2], counts[3], counts[4], warnings, millis);
  }

  /** The advisories for matching; an empty index when nothing was imported. */
  public AdvisoryIndex load() throws IOException {
    return AdvisoryIndex.of(read().advisories());
  }

  public StoreStatus status() throws IOException {
    StoreCodec.Contents contents = read();
    Map<String, int[]> counts = new HashMap<>();
    Map<String, Instant> newest = new HashMap<>();
    for (Advisory a : contents.advisories()) {
      a.affected().stream()
          .map(Advisory.Affected::ecosystem)
          .distinct()
          .forEach(ecosystem -> {
            counts.computeIfAbsent(ecosystem, e -> new int[1])[0]++;
            newest.merge(ecosystem, a.modified(), (x, y) -> x.isAfter(y) ? x : y);
          });
    }
    var ecosystems = new TreeMap<String, StoreStatus.EcosystemCount>();
    counts.forEach(
        (e, c) -> ecosystems.put(e, new StoreStatus.EcosystemCount(c[0], newest.get(e))));
    return new StoreStatus(
        folder.toString(), contents.lastImport(), contents.advisories().size(), ecosystems);
  }

  private StoreCodec.Contents read() throws IOException {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return new StoreCodec.Contents(null, List.of());
    }
    try (var in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      return StoreCodec.read(in);
    } catch (java.io.EOFException | java.io.UTFDataFormatException | RuntimeException damaged) {
      throw new StoreCodec.NotAStore(
          file
              + " is damaged ("
              + damaged.getClass().getSimpleName()
              + "); import again to rebuild it");
    } catch (StoreCodec.NotAStore e) {
      throw new StoreCodec.NotAStore(file + ": " + e.getMessage() + "; import again to rebuild it");
    }
  }

  private void write(java.util.Collection<Advisory> advisories) throws IOException {
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, FILE, ".tmp");
    try {
      try (var out =
          new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
        StoreCodec.write(out, clock.instant(), advisories);
      }
      Files.move(
          temporary,
          folder.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
