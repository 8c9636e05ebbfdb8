package io.tally.platform;

import io.tally.events.Topics;
import java.util.LinkedHashMap;
import java.util.Map;

/** The four real servers once started: what to create in them, and how services reach them. */
record Infrastructure(LocalKafka kafka, LocalPostgres postgres, LocalClickHouse clickHouse, LocalS3 s3) {

  /** Topics, databases and the lake bucket; each step is idempotent so a restart changes nothing. */
  void prepare(int partitions) {
    Map<String, Integer> topics = new LinkedHashMap<>();
    topics.put(Topics.COMMANDS, partitions);
    topics.put(Topics.EVENTS, partitions);
    topics.put(Topics.COMMAND_RESULTS, partitions);
    topics.put(Topics.EVENTS_DLQ, partitions);
    kafka.createTopics(topics);
    postgres.createDatabase(LocalPlatform.DATABASE);
    clickHouse.createDatabase(LocalPlatform.DATABASE);
    s3.createBucket(LocalPlatform.LAKE_BUCKET);
  }

  Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("kafka", kafka.pid());
    pids.put("postgres", postgres.pid());
    pids.put("clickhouse", clickHouse.pid());
    pids.put("s3", s3.pid());
    return pids;
  }

  Map<String, String> serviceSettings(String jwtSecret) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("tally.kafka.bootstrap", kafka.bootstrapServers());
    env.put("tally.pg.host", "127.0.0.1");
    env.put("tally.pg.port", Integer.toString(postgres.port()));
    env.put("tally.pg.database", LocalPlatform.DATABASE);
    env.put("tally.pg.user", "postgres");
    env.put("tally.pg.password", "postgres");
    env.put("tally.clickhouse.url", clickHouse.httpUrl());
    env.put("tally.clickhouse.database", LocalPlatform.DATABASE);
    env.put("tally.s3.endpoint", s3.endpoint());
    env.put("tally.s3.access-key", s3.accessKey());
    env.put("tally.s3.secret-key", s3.secretKey());
    env.put("tally.lake.bucket", LocalPlatform.LAKE_BUCKET);
    env.put("tally.jwt.secret", jwtSecret);
    return env;
  }
}
