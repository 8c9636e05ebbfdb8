package io.tally.lake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One writer at a time: a Postgres advisory lock in the catalog's database, held by an open connection for the
 * whole run. Two overlapping runs would both read from the same committed offsets and an insert-only MERGE does
 * not conflict in Iceberg, so both would append the same events. A killed run's connection drops and Postgres
 * releases the lock with it, so a crash never leaves the lake locked. The Spark job's runs and the projections
 * service's tenant erasure (see {@link LakeTenantErasure}) take the same lock.
 */
public final class LakeLock implements AutoCloseable {
  /** Arbitrary, fixed: the lake's key among the platform's advisory locks. */
  static final long KEY = 0x7A11_1A4EL;

  private final Connection connection;

  private LakeLock(Connection connection) {
    this.connection = connection;
  }

  /** @throws LakeBusyException when another run holds the lock */
  public static LakeLock acquire(LakeSettings settings) {
    try {
      Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          c.close();
          throw new LakeBusyException("another lake run (compaction, maintenance or tenant deletion) holds the lake"
              + " lock; try again when it has finished");
        }
      }
      return new LakeLock(c);
    } catch (SQLException e) {
      throw new IllegalStateException("could not take the lake lock in " + settings.jdbcUrl() + ": "
          + e.getMessage(), e);
    }
  }

  /** The lock's own connection to the catalog database, for bookkeeping done under the lock. */
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    try {
      connection.close(); // ends the session, which releases its advisory locks
    } catch (SQLException e) {
      // The server releases the lock when the session ends anyway.
    }
  }

  public static final class LakeBusyException extends RuntimeException {
    LakeBusyException(String message) {
      super(message);
    }
  }
}
