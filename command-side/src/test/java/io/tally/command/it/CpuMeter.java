package io.tally.command.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time consumed by processes (and their children, for Postgres' backends), read from /proc. On a machine
 * shared with other work, CPU-seconds per command is a steadier figure than wall-clock throughput.
 */
final class CpuMeter {
  private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

  private CpuMeter() {}

  /** Seconds of CPU used so far by each named process tree; "this-jvm" is the JVM running the caller. */
  static Map<String, Double> sample(Map<String, Long> pids) {
    Map<String, Double> cpu = new LinkedHashMap<>();
    pids.forEach((name, pid) -> cpu.put(name, tree(pid)));
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    cpu.put("load-generator", os.getProcessCpuTime() / 1e9);
    return cpu;
  }

  private static double tree(long pid) {
    double total = own(pid);
    try (Stream<ProcessHandle> children = ProcessHandle.of(pid).map(ProcessHandle::descendants)
        .orElse(Stream.empty())) {
      total += children.mapToDouble(c -> own(c.pid())).sum();
    }
    return total;
  }

  private static double own(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_SECONDS; // utime, stime
    } catch (IOException | RuntimeException e) {
      return 0; // gone (a backend that exited): its time is lost to both samples alike
    }
  }
}
