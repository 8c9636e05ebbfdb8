package io.tally.lake.job;

import java.time.Duration;

/**
 * How long the lake keeps history and how it compacts.
 *
 * @param snapshotRetention snapshots older than this are expired: the time-travel horizon
 * @param retainLast        snapshots kept whatever their age
 * @param orphanGrace       files unreferenced and older than this are deleted. Writers hold the lake lock, which
 *                          maintenance takes too, so no run can be writing files it has not committed yet; the
 *                          grace only protects writers that bypass the lock.
 * @param minInputFiles     a partition is rewritten once it has this many small files
 */
public record MaintenanceSettings(Duration snapshotRetention, int retainLast, Duration orphanGrace,
                                  int minInputFiles) {

  public static MaintenanceSettings fromEnvironment() {
    return new MaintenanceSettings(
        Duration.parse(Env.get("tally.lake.snapshot-retention", "P7D")),
        Integer.parseInt(Env.get("tally.lake.retain-last", "10")),
        Duration.parse(Env.get("tally.lake.orphan-grace", "PT1H")),
        Integer.parseInt(Env.get("tally.lake.min-input-files", "2")));
  }
}
