package io.tally.lake.job;

import io.tally.lake.LakeCatalog;
import io.tally.lake.LakeSettings;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session for the whole test JVM (starting Spark costs seconds), and for each test a lake of its own:
 * its own topic, catalog database, bucket, and a Spark catalog name registered for it.
 */
final class TestLakes {
  static final int PARTITIONS = 3;
  private static final AtomicInteger LAKES = new AtomicInteger();
  private static SparkSession spark;

  private TestLakes() {}

  /** A fresh, empty lake; close its catalog when done. */
  static TestLake create(TestKafka kafka, TestPostgres pg, TestS3 s3) {
    String topic = kafka.newTopic(PARTITIONS);
    String bucket = s3.newBucket();
    LakeSettings settings = new LakeSettings(kafka.bootstrapServers(), topic, pg.jdbcUrl(pg.newDatabase()),
        pg.user(), pg.password(), s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.region(),
        "s3://" + bucket + "/warehouse");
    String name = "lake_" + LAKES.incrementAndGet();
    SparkSession session = session(settings, name);
    JdbcCatalog catalog = LakeCatalog.open(settings, name);
    return new TestLake(new Lake(session, name, catalog, settings), kafka, bucket, catalog);
  }

  private static synchronized SparkSession session(LakeSettings settings, String catalogName) {
    if (spark == null) {
      spark = LakeSpark.session(settings, catalogName);
    } else {
      LakeSpark.registerCatalog(spark, catalogName, settings);
    }
    return spark;
  }
}
