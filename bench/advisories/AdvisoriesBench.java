import com.architectreviewer.advisories.AuditReport;
import com.architectreviewer.advisories.DependencyAudit;
import com.architectreviewer.advisories.ImportSummary;
import com.architectreviewer.advisories.LocalAdvisoryStore;
import com.architectreviewer.advisories.lockfile.LockfileDiscovery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates a 50,000-advisory OSV all.zip and a 10,000-package package-lock.json, then measures:
 * import (advisories/s), store load, and the dependency audit (lockfile parse + match + relevance).
 * Run with bench/advisories/run.sh.
 */
public class AdvisoriesBench {

  static final int ADVISORIES = Integer.getInteger("advisories", 50_000);
  static final int PACKAGES = Integer.getInteger("packages", 10_000);
  static final int ROUNDS = Integer.getInteger("rounds", 7);
  static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  /** Process CPU (all threads: GC and JIT too), to compare with wall time on a loaded machine. */
  static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("advisories-bench");
    Path zip = work.resolve("all.zip");
    Path project = work.resolve("project");
    Files.createDirectories(project);
    var random = new Random(42);
    writeAdvisories(zip, random);
    writeLockfile(project.resolve("package-lock.json"), random);
    System.out.printf(
        "data: %d advisories (%d MiB zip), lockfile with %d packages (%d KiB)%n",
        ADVISORIES, Files.size(zip) >> 20, PACKAGES, Files.size(project.resolve("package-lock.json")) >> 10);

    double[] importRates = new double[3];
    for (int i = 0; i < importRates.length; i++) {
      Path storeDir = work.resolve("store" + i);
      long c0 = OS.getProcessCpuTime();
      ImportSummary summary = LocalAdvisoryStore.at(storeDir, Clock.systemUTC()).importFrom(zip);
      long cpuMs = (OS.getProcessCpuTime() - c0) / 1_000_000;
      importRates[i] = summary.rate();
      System.out.printf(
          "import #%d: %d advisories in %d ms wall / %d ms process CPU = %.0f advisories/s wall,"
              + " %.0f/s per CPU second (store file %d KiB)%n",
          i + 1, summary.read(), summary.millis(), cpuMs, summary.rate(),
          summary.read() * 1000.0 / Math.max(1, cpuMs),
          Files.size(storeDir.resolve("advisories.bin")) >> 10);
    }
    var store = LocalAdvisoryStore.at(work.resolve("store0"), Clock.systemUTC());
    ImportSummary again = store.importFrom(zip);
    System.out.printf(
        "incremental re-import (nothing newer): %d unchanged in %d ms%n", again.unchanged(), again.millis());

    long[] load = new long[ROUNDS];
    long[] audit = new long[ROUNDS];
    long[] auditCpu = new long[ROUNDS];
    long[] auditProcessCpu = new long[ROUNDS];
    AuditReport report = null;
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      var index = store.load();
      long t1 = System.nanoTime();
      long c1 = CPU.getCurrentThreadCpuTime();
      long p1 = OS.getProcessCpuTime();
      report = new DependencyAudit(index).audit(project);
      long t2 = System.nanoTime();
      auditCpu[i] = (CPU.getCurrentThreadCpuTime() - c1) / 1_000_000;
      auditProcessCpu[i] = (OS.getProcessCpuTime() - p1) / 1_000_000;
      load[i] = (t1 - t0) / 1_000_000;
      audit[i] = (t2 - t1) / 1_000_000;
    }
    System.out.printf(
        "store load: first %d ms, median %d ms; audit (parse %d packages + match + relevance):"
            + " first %d ms, median %d ms wall (median %d ms thread CPU, %d ms process CPU), max %d ms%n",
        load[0], median(load), report.dependencies(), audit[0], median(audit), median(auditCpu),
        median(auditProcessCpu),
        Arrays.stream(audit).max().orElse(0));
    System.out.printf(
        "findings: %d, warnings: %d, advisories in index: %d%n",
        report.findings().size(), report.warnings().size(), report.advisories());
    long[] parse = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      LockfileDiscovery.scan(project);
      parse[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    System.out.printf(
        "lockfile parse alone: median %d ms, so matching + relevance ~ %d ms (median audit - median parse)%n",
        median(parse), median(audit) - median(parse));
    System.out.printf("load average during the run: %.1f%n", OS.getSystemLoadAverage());
    System.out.printf(
        "RESULT import_median_per_s=%.0f audit_first_ms=%d audit_median_ms=%d load_median_ms=%d%n",
        median(importRates), audit[0], median(audit), median(load));
  }

  static long median(long[] values) {
    long[] copy = values.clone();
    Arrays.sort(copy);
    return copy[copy.length / 2];
  }

  static double median(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy[copy.length / 2];
  }

  static String pkg(int n) {
    return n % 7 == 0 ? "@scope" + (n % 13) + "/pkg-" + n : "pkg-" + n;
  }

  static String version(Random r) {
    String v = r.nextInt(20) + "." + r.nextInt(30) + "." + r.nextInt(40);
    return r.nextInt(10) == 0 ? v + "-beta." + r.nextInt(5) : v;
  }

  /** Advisories over 25,000 package names, so many packages carry several advisories. */
  static void writeAdvisories(Path zip, Random r) throws IOException {
    try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < ADVISORIES; i++) {
        String name = pkg(r.nextInt(25_000));
        String ranges;
        if (i % 3 == 0) {
          ranges =
              "{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"" + version(r) + "\"}]}";
        } else {
          ranges =
              "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"" + r.nextInt(5) + ".0.0\"},"
                  + "{\"fixed\":\"" + (5 + r.nextInt(5)) + ".1.0\"}]},"
                  + "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"12.0.0\"},"
                  + (i % 5 == 0 ? "{\"last_affected\":\"14.2.0\"}" : "{\"fixed\":\"15.0.3\"}") + "]}";
        }
        String json =
            "{\"schema_version\":\"1.6.0\",\"id\":\"BENCH-" + i + "\",\"modified\":\"2025-01-01T00:00:00Z\","
                + "\"published\":\"2024-01-01T00:00:00Z\",\"aliases\":[\"CVE-2099-" + i + "\"],"
                + "\"summary\":\"Generated advisory " + i + " for " + name + "\","
                + "\"details\":\"Long details text that the store does not keep. " + "x".repeat(400) + "\","
                + "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:"
                + (i % 2 == 0 ? "H" : "N") + "/A:N\"}],"
                + "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"" + name + "\"},"
                + "\"ranges\":[" + ranges + "]}],"
                + "\"database_specific\":{\"severity\":\"HIGH\"}}";
        out.putNextEntry(new ZipEntry("BENCH-" + i + ".json"));
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  /** A v3 lockfile: 500 top-level packages, each depending on the next ones (paths of depth ~20). */
  static void writeLockfile(Path file, Random r) throws IOException {
    var sb = new StringBuilder("{\"name\":\"bench\",\"lockfileVersion\":3,\"packages\":{\"\":{\"dependencies\":{");
    for (int i = 0; i < 500; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(pkg(i * 20)).append("\":\"*\"");
    }
    sb.append("}}");
    for (int i = 0; i < PACKAGES; i++) {
      sb.append(",\"node_modules/").append(pkg(i)).append("\":{\"version\":\"").append(version(r)).append('"');
      if (i % 20 != 19 && i + 1 < PACKAGES) {
        sb.append(",\"dependencies\":{\"").append(pkg(i + 1)).append("\":\"*\"}");
      }
      sb.append('}');
    }
    sb.append("}}");
    Files.writeString(file, sb);
  }
}
