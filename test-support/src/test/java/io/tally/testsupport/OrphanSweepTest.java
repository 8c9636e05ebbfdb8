package io.tally.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalClickHouse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A test JVM killed with -9 leaves its server running; the next test JVM stops it and reclaims the folder. */
class OrphanSweepTest {

  @Test
  void aServerOfADeadTestJvmIsStoppedAndItsFolderDeleted() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path folder = Files.createTempDirectory("tally-clickhouse-");
    Files.writeString(folder.resolve("owner.pid"), Long.toString(gone.pid()));
    LocalClickHouse orphan = LocalClickHouse.start(folder, FreePorts.next());
    try {
      OneServerPerJvm.sweepOrphans("clickhouse", LocalClickHouse::stopLeftover);

      assertThat(orphan.isAlive()).isFalse();
      assertThat(folder).doesNotExist();
    } finally {
      orphan.close();
    }
  }

  @Test
  void foldersOfLiveJvmsAreLeftAlone() throws Exception {
    Path folder = Files.createTempDirectory("tally-clickhouse-");
    Files.writeString(folder.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
    try {
      OneServerPerJvm.sweepOrphans("clickhouse", LocalClickHouse::stopLeftover);
      assertThat(folder).exists();
    } finally {
      OneServerPerJvm.deleteRecursively(folder);
    }
  }
}
