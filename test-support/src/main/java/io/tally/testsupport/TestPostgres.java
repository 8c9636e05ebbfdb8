package io.tally.testsupport;

import io.tally.platform.LocalPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test's view of the JVM's one Postgres. Tests isolate themselves by asking for a fresh database rather than
 * cleaning up tables; the plain host/port/user/password values feed Vert.x PgConnectOptions directly.
 */
public final class TestPostgres {
  private final LocalPostgres server;
  private final AtomicInteger databases = new AtomicInteger();

  TestPostgres(LocalPostgres server) {
    this.server = server;
  }

  /** Creates a database no other test in this JVM uses and returns its name. */
  public String newDatabase() {
    String name = "test_" + databases.incrementAndGet();
    server.createDatabase(name);
    return name;
  }

  public String host() { return server.host(); }
  public int port() { return server.port(); }
  public String user() { return server.user(); }
  public String password() { return server.password(); }
  public String jdbcUrl(String database) { return server.jdbcUrl(database); }

  /** A JDBC connection for set-up and assertions; close it. */
  public Connection connect(String database) throws SQLException {
    return server.connect(database);
  }

  /** The server itself, for tests about the server (pid, data folder); do not close it. */
  public LocalPostgres server() { return server; }
}
