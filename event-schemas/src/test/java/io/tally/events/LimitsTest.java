package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsTest {

  @ParameterizedTest
  @ValueSource(strings = {"abc", "acme-shop", "a1-", "tenant-42", "a234567890123456789012345678901234567890"})
  void acceptsTenants(String tenant) {
    assertThat(Limits.tenant(tenant)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "Acme", "1acme", "-acme", "acme_shop", "acme/shop", "acme shop", "ac.me",
      "a2345678901234567890123456789012345678901", "äcme"})
  void refusesTenantsNamingTheField(String tenant) {
    assertThat(Limits.tenant(tenant)).hasValueSatisfying(v -> assertThat(v.field()).isEqualTo("tenant"));
  }

  @Test
  void nullTenantIsRefused() {
    assertThat(Limits.tenant(null)).isPresent();
  }

  @Test
  void idsAreBoundedAndKeySafe() {
    assertThat(Limits.id("orderId", "o".repeat(Limits.ID_MAX))).isEmpty();
    assertThat(Limits.id("orderId", "ord-2025.01:17_x")).isEmpty();
    assertThat(Limits.id("orderId", "o".repeat(Limits.ID_MAX + 1)))
        .hasValue(new FieldViolation("orderId", "must be at most 64 characters"));
    assertThat(Limits.id("orderId", "a/b")).hasValueSatisfying(v -> assertThat(v.field()).isEqualTo("orderId"));
    assertThat(Limits.id("commandId", "-x")).hasValueSatisfying(v -> assertThat(v.field()).isEqualTo("commandId"));
    assertThat(Limits.id("orderId", "")).hasValue(new FieldViolation("orderId", "is required"));
  }

  @Test
  void textCountsCharactersAsUsersDo() {
    String emoji = "\uD83D\uDCE6"; // one code point, two UTF-16 units
    assertThat(Limits.text("reason", emoji.repeat(Limits.REASON_MAX), Limits.REASON_MAX)).isEmpty();
    assertThat(Limits.text("reason", emoji.repeat(Limits.REASON_MAX + 1), Limits.REASON_MAX))
        .hasValue(new FieldViolation("reason", "must be at most 500 characters"));
    assertThat(Limits.text("customerId", "   ", Limits.CUSTOMER_ID_MAX))
        .hasValue(new FieldViolation("customerId", "must not be blank"));
  }

  @Test
  void textMayNotHideControlCharacters() {
    assertThat(Limits.text("reason", "late\u0000delivery", Limits.REASON_MAX))
        .hasValue(new FieldViolation("reason", "must not contain control characters"));
    assertThat(Limits.text("reason", "line one\nline two", Limits.REASON_MAX)).isPresent();
    assertThat(Limits.text("reason", "Lieferung verspätet – 🙁", Limits.REASON_MAX)).isEmpty();
  }

  @Test
  void eventSizeLimitIs64KiB() {
    assertThat(Limits.eventSize(64 * 1024)).isEmpty();
    assertThat(Limits.eventSize(64 * 1024 + 1)).hasValueSatisfying(v -> assertThat(v.field()).isEqualTo("event"));
  }

  @Test
  void amountsAreCapped() {
    assertThat(Limits.amount("amount", Limits.MAX_AMOUNT)).isEmpty();
    assertThat(Limits.amount("amount", Limits.MAX_AMOUNT.add(new BigDecimal("0.01"))))
        .hasValue(new FieldViolation("amount", "must not exceed 1000000000"));
  }

  @Test
  void violationsPrintFieldFirst() {
    assertThat(new FieldViolation("tenant", "is wrong")).hasToString("tenant: is wrong");
  }
}
