package io.tally.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The found / install / refuse decision, tried without uninstalling the machine's package. */
class ClickHouseBinaryTest {
  private static final Path BINARY = Path.of("/usr/sbin/clickhouse-server");

  @Test
  void aFoundBinaryIsUsedAsIs() {
    AtomicInteger installs = new AtomicInteger();
    assertThat(ClickHouseBinary.locateOrInstall(() -> Optional.of(BINARY), true, installs::incrementAndGet))
        .isEqualTo(BINARY);
    assertThat(installs).hasValue(0);
  }

  @Test
  void withoutRootItSaysWhatToInstall() {
    assertThatThrownBy(() -> ClickHouseBinary.locateOrInstall(Optional::empty, false, () -> {
      throw new AssertionError("must not install without root");
    })).hasMessageContaining("sudo apt-get install clickhouse-server");
  }

  @Test
  void asRootItInstallsThenUsesTheInstalledBinary() {
    AtomicInteger installs = new AtomicInteger();
    Path found = ClickHouseBinary.locateOrInstall(
        () -> installs.get() == 0 ? Optional.empty() : Optional.of(BINARY), true, installs::incrementAndGet);
    assertThat(found).isEqualTo(BINARY);
    assertThat(installs).hasValue(1);
  }

  @Test
  void thisMachineHasTheDebianPackage() {
    // Debian puts it in /usr/sbin, which is not on every PATH; find() must look there.
    assertThat(ClickHouseBinary.find()).isPresent();
  }
}
