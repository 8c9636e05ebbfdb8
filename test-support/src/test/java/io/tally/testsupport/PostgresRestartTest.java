package io.tally.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher restarts Postgres on the same folder; the projection's rows must still be there. */
class PostgresRestartTest {

  @Test
  void aRestartOnTheSameFolderKeepsRows(@TempDir Path folder) throws Exception {
    Duration fresh;
    long firstPid;
    try (LocalPostgres postgres = LocalPostgres.start(folder, FreePorts.next())) {
      fresh = postgres.startedIn();
      firstPid = postgres.pid();
      postgres.createDatabase("orders_view");
      try (Connection c = postgres.connect("orders_view")) {
        c.createStatement().execute("CREATE TABLE orders (order_id text PRIMARY KEY, status text)");
        c.createStatement().execute("INSERT INTO orders VALUES ('o-1', 'PLACED')");
      }
    }
    assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).as("stopped by close()").isEmpty();

    try (LocalPostgres postgres = LocalPostgres.start(folder, FreePorts.next())) {
      try (Connection c = postgres.connect("orders_view");
           ResultSet rs = c.createStatement().executeQuery("SELECT status FROM orders WHERE order_id = 'o-1'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("PLACED");
      }
      System.out.printf("postgres start: fresh folder (initdb) %d ms, existing folder %d ms%n",
          fresh.toMillis(), postgres.startedIn().toMillis());
    }
  }

  @Test
  void refusesAPortSomethingElseListensOn(@TempDir Path folder) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalPostgres.start(folder, taken.getLocalPort())).hasMessageContaining("taken");
    }
  }
}
