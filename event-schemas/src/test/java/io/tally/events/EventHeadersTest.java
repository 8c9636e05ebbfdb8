package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventHeadersTest {

  @Test
  void headersRepeatTenantTypeAndVersionAsUtf8() {
    Map<String, byte[]> headers = EventHeaders.of(EnvelopeCodecTest.sample());

    assertThat(headers).containsOnlyKeys(EventHeaders.TENANT, EventHeaders.TYPE, EventHeaders.SCHEMA_VERSION);
    assertThat(headers.keySet()).containsExactly(EventHeaders.TYPE, EventHeaders.SCHEMA_VERSION, EventHeaders.TENANT);
    assertThat(new String(headers.get(EventHeaders.TENANT), StandardCharsets.UTF_8)).isEqualTo("acme");
    assertThat(EventHeaders.text(headers.get(EventHeaders.TYPE))).isEqualTo("OrderPlaced");
    assertThat(headers.get(EventHeaders.SCHEMA_VERSION)).isEqualTo("2".getBytes(StandardCharsets.UTF_8));
    assertThat(EventHeaders.version(headers.get(EventHeaders.SCHEMA_VERSION))).hasValue(2);
  }

  @Test
  void headerNamesAreDistinct() {
    assertThat(java.util.Set.of(EventHeaders.TENANT, EventHeaders.TYPE, EventHeaders.SCHEMA_VERSION)).hasSize(3);
  }

  @Test
  void textSurvivesNonAsciiRoundTrip() {
    assertThat(EventHeaders.text(EventHeaders.text("Bestellung-ü-€"))).isEqualTo("Bestellung-ü-€");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "-1", "v2", "2.0", " 2", "9999999999"})
  void badVersionHeadersReadAsAbsent(String value) {
    assertThat(EventHeaders.version(value.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void missingVersionHeaderReadsAsAbsent() {
    assertThat(EventHeaders.version((byte[]) null)).isEmpty();
  }
}
