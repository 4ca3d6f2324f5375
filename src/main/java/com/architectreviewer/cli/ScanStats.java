package com.architectreviewer.cli;

import com.architectreviewer.review.ReviewReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.Locale;

/** The {@code --stats} line: throughput of the review and the JVM's peak heap use. */
final class ScanStats {

  private ScanStats() {}

  static String line(ReviewReport report) {
    double seconds = Math.max(report.duration().toNanos(), 1) / 1e9;
    long peak = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    long cpuNanos = 0;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      cpuNanos = os.getProcessCpuTime();
    }
    return String.format(
        Locale.ROOT,
        "stats: files=%d source_files=%d mb=%.1f review_ms=%d files_per_s=%.0f mb_per_s=%.1f"
            + " peak_heap_mb=%d findings=%d process_cpu_ms=%d cores=%d",
        report.filesScanned(),
        report.project().sourceFiles(),
        report.bytesScanned() / 1e6,
        report.duration().toMillis(),
        report.filesScanned() / seconds,
        report.bytesScanned() / 1e6 / seconds,
        peak / (1024 * 1024),
        report.findings().size(),
        cpuNanos / 1_000_000,
        Runtime.getRuntime().availableProcessors());
  }
}
