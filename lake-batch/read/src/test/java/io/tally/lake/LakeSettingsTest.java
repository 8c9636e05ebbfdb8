package io.tally.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lake reads the same TALLY_* variables the launcher writes to .platform/platform.env for the services. */
class LakeSettingsTest {

  @Test
  void readsThePlatformsSettings() {
    LakeSettings s = LakeSettings.from(Map.of(
        "TALLY_KAFKA_BOOTSTRAP", "127.0.0.1:19092",
        "TALLY_PG_HOST", "127.0.0.1", "TALLY_PG_PORT", "15432", "TALLY_PG_DATABASE", "tally",
        "TALLY_PG_USER", "postgres", "TALLY_PG_PASSWORD", "pw",
        "TALLY_S3_ENDPOINT", "http://127.0.0.1:19000", "TALLY_S3_ACCESS_KEY", "k", "TALLY_S3_SECRET_KEY", "s",
        "TALLY_LAKE_BUCKET", "tally-lake"));
    assertThat(s.kafkaBootstrap()).isEqualTo("127.0.0.1:19092");
    assertThat(s.topic()).isEqualTo("orders.events");
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/tally");
    assertThat(s.jdbcPassword()).isEqualTo("pw");
    assertThat(s.s3Endpoint()).isEqualTo("http://127.0.0.1:19000");
    assertThat(s.warehouse()).isEqualTo("s3://tally-lake/warehouse");
    assertThat(LakeCatalog.properties(s)).containsEntry("uri", s.jdbcUrl())
        .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
        .containsEntry("s3.client-factory-impl", LakeS3Clients.class.getName());
  }

  @Test
  void aCatalogUrlOrWarehouseGivenOutrightWins() {
    LakeSettings s = LakeSettings.from(Map.of("TALLY_LAKE_CATALOG_URL", "jdbc:postgresql://db:5432/lake",
        "TALLY_LAKE_WAREHOUSE", "s3://other/wh", "TALLY_LAKE_TOPIC", "t"));
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/lake");
    assertThat(s.warehouse()).isEqualTo("s3://other/wh");
    assertThat(s.topic()).isEqualTo("t");
  }
}
