package io.tally.lake.read;

import io.tally.lake.LakeSettings;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;

/** Lake settings on the test JVM's Postgres and S3 servers, with a database and a bucket of this test's own. */
final class TestLakes {
  private TestLakes() {}

  static LakeSettings settings(TestPostgres pg, TestS3 s3) {
    String database = pg.newDatabase();
    String bucket = s3.newBucket();
    return new LakeSettings("127.0.0.1:1", "orders.events", pg.jdbcUrl(database), pg.user(), pg.password(),
        s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.region(), "s3://" + bucket + "/warehouse");
  }
}
