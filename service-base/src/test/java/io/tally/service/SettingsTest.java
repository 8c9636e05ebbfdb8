package io.tally.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @AfterEach
  void clear() {
    System.clearProperty("tally.test.port");
  }

  @Test
  void systemPropertyWinsOverEnvironmentWhichWinsOverDefault() {
    Settings settings = new Settings(Map.of("TALLY_TEST_PORT", "7000"));
    assertThat(settings.getInt("tally.test.port", 1)).isEqualTo(7000);
    System.setProperty("tally.test.port", "7001");
    assertThat(settings.getInt("tally.test.port", 1)).isEqualTo(7001);
    assertThat(new Settings(Map.of()).getInt("tally.other", 5)).isEqualTo(5);
  }

  @Test
  void envNameFollowsOneRule() {
    assertThat(Settings.envName("tally.s3.access-key")).isEqualTo("TALLY_S3_ACCESS_KEY");
  }

  @Test
  void badNumberNamesTheSetting() {
    Settings settings = new Settings(Map.of("TALLY_TEST_PORT", "eighty"));
    assertThatThrownBy(() -> settings.getInt("tally.test.port", 1))
        .hasMessageContaining("tally.test.port").hasMessageContaining("eighty");
  }

  @Test
  void requireNamesBothSpellings() {
    assertThatThrownBy(() -> new Settings(Map.of()).require("tally.jwt.secret"))
        .hasMessageContaining("tally.jwt.secret").hasMessageContaining("TALLY_JWT_SECRET");
  }
}
