package io.tally.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An object goes through the real S3 server with the SDK settings the lake uses (path-style, v4 signing). */
@ExtendWith(S3Extension.class)
class S3RoundTripTest {

  @Test
  void anObjectIsPutListedReadAndDeleted(TestS3 s3) {
    String bucket = s3.newBucket();
    String key = "lake/orders/part-00000.json";
    String body = "{\"tenant\":\"acme\",\"orderId\":\"o-1\"}";
    try (S3Client client = s3.s3Client()) {
      client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));

      assertThat(client.listObjectsV2(b -> b.bucket(bucket).prefix("lake/")).contents())
          .extracting(S3Object::key).containsExactly(key);
      assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8))
          .isEqualTo(body);

      client.deleteObject(b -> b.bucket(bucket).key(key));
      assertThat(client.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }
  }

  @Test
  void creatingAnExistingBucketChangesNothing(TestS3 s3) {
    String bucket = s3.newBucket();
    try (S3Client client = s3.s3Client()) {
      client.putObject(b -> b.bucket(bucket).key("kept"), RequestBody.fromString("x"));
      s3.server().createBucket(bucket);
      assertThat(client.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
          .containsExactly("kept");
    }
  }
}
