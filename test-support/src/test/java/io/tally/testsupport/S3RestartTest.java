package io.tally.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The lake lives in s3proxy's folder; a restart on the same folder must keep every object. */
class S3RestartTest {

  @Test
  void aRestartOnTheSameFolderKeepsObjects(@TempDir Path folder) {
    Duration fresh;
    long firstPid;
    try (LocalS3 s3 = LocalS3.start(folder, FreePorts.next()); S3Client client = s3.s3Client()) {
      fresh = s3.startedIn();
      firstPid = s3.pid();
      s3.createBucket("tally-lake");
      client.putObject(b -> b.bucket("tally-lake").key("snapshot-1"), RequestBody.fromString("rows"));
    }
    assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).as("stopped by close()").isEmpty();

    try (LocalS3 s3 = LocalS3.start(folder, FreePorts.next()); S3Client client = s3.s3Client()) {
      s3.createBucket("tally-lake"); // exists: nothing to do
      assertThat(client.getObjectAsBytes(b -> b.bucket("tally-lake").key("snapshot-1"))
          .asString(StandardCharsets.UTF_8)).isEqualTo("rows");
      System.out.printf("s3proxy start: fresh folder %d ms, existing folder %d ms%n",
          fresh.toMillis(), s3.startedIn().toMillis());
    }
  }
}
