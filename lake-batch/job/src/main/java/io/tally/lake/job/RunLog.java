package io.tally.lake.job;

import java.lang.management.ManagementFactory;

/**
 * Progress lines on standard output, one per phase, stamped with seconds since the JVM started: what an operator
 * watching `make lake` reads, where the time goes, and what the crash test waits for before it kills the job
 * in that phase.
 */
final class RunLog {
  private RunLog() {}

  static void say(String line) {
    double seconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
    System.out.printf("lake-batch [%6.1fs]: %s%n", seconds, line);
    System.out.flush();
  }
}
