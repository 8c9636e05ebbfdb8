package io.tally.projection.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds used by this JVM and by server processes (with their child processes, e.g. Postgres backends),
 * from /proc. On a machine shared with other work, CPU per event is the figure that does not depend on how much
 * of the machine the run happened to get.
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100.0;
  private final Map<String, Long> roots = new LinkedHashMap<>();

  CpuMeter server(String name, long pid) {
    roots.put(name, pid);
    return this;
  }

  Map<String, Double> sample() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("projections JVM", ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9);
    roots.forEach((name, pid) -> seconds.put(name, treeSeconds(pid)));
    return seconds;
  }

  static String perEvent(Map<String, Double> before, Map<String, Double> after, long events) {
    StringBuilder out = new StringBuilder();
    double total = 0;
    for (String name : after.keySet()) {
      double used = after.get(name) - before.get(name);
      total += used;
      out.append(String.format("%s %.1f us, ", name, used * 1e6 / events));
    }
    return out.append(String.format("total %.1f us CPU per event", total * 1e6 / events)).toString();
  }

  private static double treeSeconds(long root) {
    double sum = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        long[] stat = stat(p);
        if (stat != null && (stat[0] == root || descends(stat[1], root))) {
          sum += (stat[2] + stat[3]) / TICKS_PER_SECOND;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return sum;
  }

  private static boolean descends(long ppid, long root) {
    for (int depth = 0; depth < 5 && ppid > 1; depth++) {
      if (ppid == root) {
        return true;
      }
      long[] parent = stat(Path.of("/proc", Long.toString(ppid)));
      if (parent == null) {
        return false;
      }
      ppid = parent[1];
    }
    return false;
  }

  /** pid, ppid, utime, stime; null when the process is gone. */
  private static long[] stat(Path proc) {
    try {
      String s = Files.readString(proc.resolve("stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(proc.getFileName().toString()), Long.parseLong(f[1]), Long.parseLong(f[11]),
          Long.parseLong(f[12])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static List<String> names(Map<String, Double> sample) {
    return List.copyOf(sample.keySet());
  }
}
