package io.tally.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverServerTest {

  @Test
  void stopsTheProcessNamedInThePidFile(@TempDir Path folder) throws Exception {
    Process leftover = new ProcessBuilder("sleep", "60").start();
    Path status = Files.writeString(folder.resolve("status"), "PID: " + leftover.pid() + "\nStarted at: x\n");

    assertThat(LeftoverServer.stopIfRunning(status, "sleep", Duration.ofSeconds(5))).contains(leftover.pid());
    assertThat(leftover.isAlive()).isFalse();
  }

  @Test
  void leavesAProcessAloneWhoseCommandIsNotTheServer(@TempDir Path folder) throws Exception {
    // A pid recycled by some other program must survive.
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Path pidFile = Files.writeString(folder.resolve("postmaster.pid"), other.pid() + "\n/data\n");
      assertThat(LeftoverServer.stopIfRunning(pidFile, "postgres", Duration.ofSeconds(5))).isEmpty();
      assertThat(other.isAlive()).isTrue();
    } finally {
      other.destroyForcibly().waitFor();
    }
  }

  @Test
  void noPidFileMeansNothingToStop(@TempDir Path folder) {
    assertThat(LeftoverServer.stopIfRunning(folder.resolve("status"), "clickhouse", Duration.ofSeconds(1))).isEmpty();
  }
}
