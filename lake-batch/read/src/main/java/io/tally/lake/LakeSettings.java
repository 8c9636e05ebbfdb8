package io.tally.lake;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the lake lives and what it reads, from the platform's {@code tally.*} settings: a system property wins over
 * the environment variable of the same name ({@code tally.s3.endpoint} → {@code TALLY_S3_ENDPOINT}), which wins
 * over the default. The same rule as every service, so `make run`, Kubernetes and tests configure it one way.
 *
 * @param warehouse where table files go, an {@code s3://bucket/prefix} URI
 */
public record LakeSettings(
    String kafkaBootstrap,
    String topic,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String s3Region,
    String warehouse) {

  public LakeSettings {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(warehouse, "warehouse");
  }

  public static LakeSettings fromEnvironment() {
    return from(System.getenv());
  }

  static LakeSettings from(Map<String, String> env) {
    return from(new Lookup(env)::find);
  }

  /**
   * From any lookup of {@code tally.*} keys that follows the same rule, such as service-base's
   * {@code Settings::find}: a service configured from a map (its tests) reads the lake from that map too.
   */
  public static LakeSettings from(Function<String, Optional<String>> find) {
    Lookup s = new Lookup(find);
    String jdbcUrl = s.find("tally.lake.catalog-url").orElseGet(() -> "jdbc:postgresql://"
        + s.get("tally.pg.host", "127.0.0.1") + ":" + s.get("tally.pg.port", "5432") + "/"
        + s.get("tally.pg.database", "tally"));
    String bucket = s.get("tally.lake.bucket", "tally-lake");
    return new LakeSettings(
        s.get("tally.kafka.bootstrap", "127.0.0.1:9092"),
        s.get("tally.lake.topic", "orders.events"),
        jdbcUrl,
        s.get("tally.pg.user", "postgres"),
        s.get("tally.pg.password", "postgres"),
        s.get("tally.s3.endpoint", "http://127.0.0.1:9000"),
        s.get("tally.s3.access-key", "tally-dev"),
        s.get("tally.s3.secret-key", "tally-dev-secret"),
        s.get("tally.s3.region", "us-east-1"),
        s.get("tally.lake.warehouse", "s3://" + bucket + "/warehouse"));
  }

  public LakeSettings withTopic(String newTopic) {
    return new LakeSettings(kafkaBootstrap, newTopic, jdbcUrl, jdbcUser, jdbcPassword, s3Endpoint, s3AccessKey,
        s3SecretKey, s3Region, warehouse);
  }

  /** Reading {@code tally.*} keys the way service-base's Settings does, without depending on Vert.x. */
  record Lookup(Function<String, Optional<String>> lookup) {
    Lookup(Map<String, String> env) {
      this(key -> fromPropertyOrEnv(env, key));
    }

    Optional<String> find(String key) {
      return lookup.apply(key);
    }

    private static Optional<String> fromPropertyOrEnv(Map<String, String> env, String key) {
      String fromProperty = System.getProperty(key);
      if (fromProperty != null && !fromProperty.isBlank()) {
        return Optional.of(fromProperty);
      }
      String fromEnv = env.get(key.toUpperCase().replace('.', '_').replace('-', '_'));
      return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv);
    }

    String get(String key, String fallback) {
      return find(key).orElse(fallback);
    }
  }
}
