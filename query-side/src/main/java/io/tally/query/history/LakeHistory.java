package io.tally.query.history;

import io.tally.lake.LakeSettings;
import io.tally.lake.read.AsOf;
import io.tally.lake.read.DailyRevenueHistory;
import io.tally.lake.read.RevenueHistory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query side's one handle on the lake: a {@link DailyRevenueHistory} (JDBC catalog in Postgres, files on S3)
 * and the worker threads its blocking reads run on, never the event loop. A pool of its own, so slow S3 reads
 * queue among themselves instead of taking the threads every other blocking task of the process shares.
 *
 * <p>The catalog is opened once, at start, in the background. If that fails (Postgres not there yet), the service
 * still starts, history reads answer 503 and the next read tries again: the lake is one view among several and
 * must not keep the orders and the live feed from starting.
 */
public final class LakeHistory {
  private static final Logger LOG = LoggerFactory.getLogger(LakeHistory.class);

  private final LakeSettings settings;
  private final WorkerExecutor workers;
  private DailyRevenueHistory history; // guarded by this
  private boolean closed; // guarded by this

  private LakeHistory(LakeSettings settings, WorkerExecutor workers) {
    this.settings = settings;
    this.workers = workers;
  }

  /** Starts opening the lake's catalog on a worker; reads wait for it. */
  public static LakeHistory open(Vertx vertx, LakeSettings settings, int workers) {
    LakeHistory lake = new LakeHistory(settings, vertx.createSharedWorkerExecutor("tally-lake-reads", workers));
    lake.workers.executeBlocking(lake::history, false).onFailure(e -> LOG.warn(
        "the lake catalog at {} could not be opened ({}); history reads will try again", settings.jdbcUrl(),
        e.toString()));
    return lake;
  }

  /** A tenant's daily revenue as of a snapshot; fails with UnknownSnapshot for a snapshot id the lake lacks. */
  public Future<RevenueHistory> read(String tenant, AsOf asOf) {
    return workers.executeBlocking(() -> history().read(tenant, asOf), false);
  }

  private synchronized DailyRevenueHistory history() {
    if (closed) {
      throw new IllegalStateException("the lake reader is closed");
    }
    if (history == null) {
      history = DailyRevenueHistory.open(settings);
    }
    return history;
  }

  /** Closes the catalog (its JDBC connections and S3 client), then the worker threads. */
  public Future<Void> close() {
    return workers.<Void>executeBlocking(() -> {
      synchronized (this) {
        closed = true;
        if (history != null) {
          history.close();
          history = null;
        }
      }
      return null;
    }, false).eventually(workers::close);
  }
}
