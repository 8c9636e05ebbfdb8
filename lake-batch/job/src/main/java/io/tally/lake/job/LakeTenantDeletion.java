package io.tally.lake.job;

import io.tally.events.Limits;
import io.tally.lake.LakeLock;
import io.tally.lake.LakeTenantErasure;

/**
 * {@code lake-batch delete-tenant TENANT}: erases one tenant from the lake at once, under the lake lock. The work
 * is {@link LakeTenantErasure} (Spark-free, shared with the projections service's tenant erasure); see
 * docs/lake.md for the other stores and the log itself.
 */
public final class LakeTenantDeletion {
  private final Lake lake;

  public LakeTenantDeletion(Lake lake) {
    this.lake = lake;
  }

  /**
   * @throws IllegalArgumentException for a string that is not a tenant id
   * @throws LakeLock.LakeBusyException when another run holds the lake
   */
  public LakeTenantErasure.Report delete(String tenant) {
    Limits.tenant(tenant).ifPresent(v -> {
      throw new IllegalArgumentException(v.toString());
    });
    try (LakeLock lock = LakeLock.acquire(lake.settings())) {
      return said(LakeTenantErasure.erase(lake.catalog(), tenant));
    }
  }

  static LakeTenantErasure.Report said(LakeTenantErasure.Report report) {
    RunLog.say("deleted tenant " + report.tenant() + " from the lake: rows " + report.rowsDeleted() + ", "
        + report.filesDeleted() + " data files of earlier snapshots removed in "
        + report.took().toMillis() + " ms");
    return report;
  }
}
