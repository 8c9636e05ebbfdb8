package io.tally.command.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `make load` finds a running platform through the files the launcher leaves in its data folder. */
class LoadOptionsTest {

  @Test
  void aRunningPlatformsFilesSupplyUrlKafkaAndSecret(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("platform.json"), "{\"services\":{\"command\":\"http://localhost:18181\"},"
        + "\"tally.kafka.bootstrap\":\"127.0.0.1:19092\"}");
    Files.writeString(dir.resolve("platform.env"), "TALLY_KAFKA_BOOTSTRAP=127.0.0.1:19092\n"
        + "TALLY_JWT_SECRET=s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t\n");
    LoadOptions o = LoadOptions.parse(List.of("--platform", dir.toString()));
    assertThat(o.url()).isEqualTo("http://localhost:18181");
    assertThat(o.bootstrap()).isEqualTo("127.0.0.1:19092");
    assertThat(o.secret()).isEqualTo("s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t");
  }

  @Test
  void optionsWinOverTheFilesAndDefaultsApplyWithoutThem(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("jwt-secret"), "from-file\n");
    LoadOptions o = LoadOptions.parse(List.of("--platform", dir.toString(), "--url", "http://h:1", "--rate", "0"));
    assertThat(o.url()).isEqualTo("http://h:1");
    assertThat(o.bootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(o.secret()).isEqualTo("from-file");
    assertThat(o.rate()).isZero();
  }
}
