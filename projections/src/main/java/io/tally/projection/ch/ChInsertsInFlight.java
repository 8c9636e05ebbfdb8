package io.tally.projection.ch;

import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.clickhouse.ClickHouseSql;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Waits until no insert into a table is running on the server. After a timeout or a dropped connection the
 * server may still be writing our block; reading the resume point before it finishes would make the retry
 * write it a second time.
 */
final class ChInsertsInFlight {
  private static final long POLL_MS = 200;
  private static final long GIVE_UP_MS = 60_000;

  private ChInsertsInFlight() {}

  static Future<Void> awaitNone(Vertx vertx, ClickHouseHttp ch, String qualifiedTable) {
    String sql = "SELECT count() AS n FROM system.processes WHERE startsWith(query, "
        + ClickHouseSql.literal("INSERT INTO " + qualifiedTable + " FORMAT") + ")";
    Promise<Void> done = Promise.promise();
    poll(vertx, ch, sql, System.currentTimeMillis() + GIVE_UP_MS, done);
    return done.future();
  }

  private static void poll(Vertx vertx, ClickHouseHttp ch, String sql, long deadline, Promise<Void> done) {
    ch.query(sql).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
      } else if (ar.result().get(0).getLong("n") == 0) {
        done.complete();
      } else if (System.currentTimeMillis() > deadline) {
        done.fail(new IllegalStateException("an insert into " + sql + " is still running after "
            + GIVE_UP_MS + " ms"));
      } else {
        vertx.setTimer(POLL_MS, t -> poll(vertx, ch, sql, deadline, done));
      }
    });
  }
}
