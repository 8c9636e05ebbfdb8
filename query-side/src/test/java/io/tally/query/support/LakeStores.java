package io.tally.query.support;

import io.tally.lake.LakeSettings;
import io.tally.platform.FreePorts;
import io.tally.service.Settings;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for a query side that reads the lake, on a Postgres database and an S3 bucket of the test's own: the
 * keys the launcher passes every service (tally.pg.*, tally.s3.*, tally.lake.bucket), so the lake's JDBC catalog
 * lives in the service's own database, as under `make run`. No ClickHouse: the lake routes never ask it.
 */
public final class LakeStores {
  private LakeStores() {}

  /** Postgres only, and a ClickHouse URL nothing listens on. */
  public static Map<String, String> withoutLake(TestPostgres pg) {
    Map<String, String> env = new HashMap<>();
    env.put("TALLY_PG_HOST", pg.host());
    env.put("TALLY_PG_PORT", Integer.toString(pg.port()));
    env.put("TALLY_PG_DATABASE", pg.newDatabase());
    env.put("TALLY_PG_USER", pg.user());
    env.put("TALLY_PG_PASSWORD", pg.password());
    env.put("TALLY_CLICKHOUSE_URL", "http://127.0.0.1:" + FreePorts.next());
    return env;
  }

  public static Map<String, String> withLake(TestPostgres pg, TestS3 s3) {
    Map<String, String> env = withoutLake(pg);
    env.put("TALLY_S3_ENDPOINT", s3.endpoint());
    env.put("TALLY_S3_ACCESS_KEY", s3.accessKey());
    env.put("TALLY_S3_SECRET_KEY", s3.secretKey());
    env.put("TALLY_S3_REGION", s3.region());
    env.put("TALLY_LAKE_BUCKET", s3.newBucket());
    return env;
  }

  /** The lake those settings name, read the way the lake job and the query side read them. */
  public static LakeSettings lake(Map<String, String> env) {
    return LakeSettings.from(new Settings(env)::find);
  }
}
