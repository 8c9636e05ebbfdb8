package io.tally.projection.bench;

import io.tally.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What Postgres did for a catch-up, to tell where its CPU goes: WAL volume and full-page images (a checkpoint
 * during the run makes the first change of every page after it write the whole page), checkpoints, and how many
 * row updates were HOT (no index entries written). WAL and checkpoint counters are server-wide, so a sample is
 * taken before and after and the difference reported; table counters are per database.
 */
record PgServerStats(long walRecords, long walFpi, long walBytes, long checkpoints) {

  static PgServerStats sample(TestPostgres postgres) {
    try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT w.wal_records, w.wal_fpi, w.wal_bytes::bigint, "
             + "c.num_timed + c.num_requested FROM pg_stat_wal w, pg_stat_checkpointer c")) {
      rs.next();
      return new PgServerStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  String since(PgServerStats before, long events) {
    return String.format("WAL %.0f bytes / %.2f records / %.3f full-page images per event, %d checkpoints",
        (double) (walBytes - before.walBytes) / events, (double) (walRecords - before.walRecords) / events,
        (double) (walFpi - before.walFpi) / events, checkpoints - before.checkpoints);
  }

  /** Row counters of the view's tables; read after a pause, since backends report them about once a second. */
  static String tables(TestPostgres postgres, String database) throws InterruptedException {
    Thread.sleep(1500);
    StringBuilder out = new StringBuilder();
    try (Connection c = postgres.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, "
             + "pg_size_pretty(pg_table_size(relid)), pg_size_pretty(pg_indexes_size(relid)) "
             + "FROM pg_stat_user_tables WHERE relname IN ('current_orders', 'order_events') ORDER BY relname")) {
      while (rs.next()) {
        out.append(String.format("%s: %d inserts, %d updates (%d HOT), table %s, indexes %s; ", rs.getString(1),
            rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
