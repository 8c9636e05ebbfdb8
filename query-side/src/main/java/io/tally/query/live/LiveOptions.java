package io.tally.query.live;

import io.tally.query.QuerySettings;

/** The live feed's knobs (see {@link QuerySettings}). */
public record LiveOptions(long windowMs, long heartbeatMs, int queueBytes, int snapshotOrders, long statsRefreshMs,
                          long statsSettleMs) {

  public static LiveOptions from(QuerySettings s) {
    return new LiveOptions(s.liveWindowMs(), s.liveHeartbeatMs(), s.liveQueueBytes(), s.liveSnapshotOrders(),
        s.statsRefreshMs(), s.statsSettleMs());
  }
}
