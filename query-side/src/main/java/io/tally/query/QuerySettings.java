package io.tally.query;

import io.tally.lake.LakeSettings;
import io.tally.service.Endpoints;
import io.tally.service.Settings;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every knob of the query side, read once at start (system property › TALLY_* environment › default; the README
 * has the table).
 *
 * @param liveWindowMs      per-tenant coalescing window of live deltas: at most one read per tenant per window
 * @param liveQueueBytes    a socket's write queue bound; above it deltas are dropped and the socket resyncs
 * @param statsRefreshMs    least time between two analytics refreshes pushed to one tenant's sockets
 * @param statsSettleMs     how long after a tenant's last change its analytics keep being refreshed, since the
 *                          ClickHouse view trails Postgres by its batch wait
 * @param lake              where the lake is, when this deployment names one (see {@link #lake(Settings)})
 * @param lakeWorkers       threads for the lake's blocking reads: at most this many history reads at once
 */
public record QuerySettings(
    int port,
    Endpoints endpoints,
    String readerRole,
    String projectionsUrl,
    Optional<String> devTokensFile,
    int liveWindowMs,
    int liveHeartbeatMs,
    int liveQueueBytes,
    int liveSnapshotOrders,
    int statsRefreshMs,
    int statsSettleMs,
    int sendBufferBytes,
    Optional<LakeSettings> lake,
    int lakeWorkers) {

  public static final String PORT = "tally.query.port";
  public static final String READER_ROLE = "tally.query.pg-role";
  public static final String PROJECTIONS_URL = "tally.projections.url";
  public static final String DEV_TOKENS_FILE = "tally.dev-tokens.file";

  public static QuerySettings from(Settings s) {
    return new QuerySettings(
        s.getInt(PORT, 8080),
        Endpoints.from(s),
        s.get(READER_ROLE, "tally_reader"),
        s.get(PROJECTIONS_URL, "http://127.0.0.1:8082"),
        s.find(DEV_TOKENS_FILE),
        s.getInt("tally.query.live.window-ms", 25),
        s.getInt("tally.query.live.heartbeat-ms", 15_000),
        s.getInt("tally.query.live.queue-bytes", 128 * 1024),
        s.getInt("tally.query.live.snapshot-orders", 50),
        s.getInt("tally.query.live.stats-refresh-ms", 1_000),
        s.getInt("tally.query.live.stats-settle-ms", 3_000),
        s.getInt("tally.query.send-buffer-bytes", -1),
        lake(s),
        s.getInt("tally.query.lake.workers", 4));
  }

  /**
   * The lake is read only where a deployment names it (its bucket, warehouse or catalog): its settings all have
   * defaults, and those alone would point a query side without a lake at a catalog and bucket that do not exist.
   * The rest (S3 endpoint and keys, catalog on tally.pg.*) comes from the same keys the lake job reads.
   */
  static Optional<LakeSettings> lake(Settings s) {
    boolean named = Stream.of("tally.lake.bucket", "tally.lake.warehouse", "tally.lake.catalog-url")
        .anyMatch(key -> s.find(key).isPresent());
    return named ? Optional.of(LakeSettings.from(s::find)) : Optional.empty();
  }
}
