package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

  static ObjectNode placedV2() {
    ObjectNode payload = EventJson.object().put("customerId", "c-1").put("amount", "12.50").put("currency", "EUR");
    payload.putArray("items").addObject().put("sku", "SKU-1").put("quantity", 2);
    return payload;
  }

  @Test
  void goodPayloadHasNoViolations() {
    assertThat(EventSchemas.validate("OrderPlaced", 2, placedV2())).isEmpty();
    assertThat(EventSchemas.check("OrderPlaced", 2, placedV2())).isInstanceOf(SchemaCheck.Valid.class);
  }

  @Test
  void missingCurrencyBreaksV2ButNotV1() {
    ObjectNode payload = placedV2();
    payload.remove("currency");

    assertThat(EventSchemas.validate("OrderPlaced", 2, payload)).singleElement().asString().contains("currency");
    assertThat(EventSchemas.validate("OrderPlaced", 1, payload)).isEmpty();
  }

  @Test
  void currencyIsNotAllowedInV1() {
    assertThat(EventSchemas.validate("OrderPlaced", 1, placedV2())).singleElement().asString().contains("currency");
  }

  @Test
  void amountsMustBeDecimalStrings() {
    assertThat(EventSchemas.validate("OrderPlaced", 2, placedV2().put("amount", 12.5))).isNotEmpty();
    assertThat(EventSchemas.validate("OrderPlaced", 2, placedV2().put("amount", "12,50"))).isNotEmpty();
    assertThat(EventSchemas.validate("OrderPlaced", 2, placedV2().put("amount", "-1"))).isNotEmpty();
    assertThat(EventSchemas.validate("OrderPlaced", 2, placedV2().put("amount", "1000"))).isEmpty();
  }

  @Test
  void unknownFieldsAndBadNestedLinesAreViolations() {
    assertThat(EventSchemas.validate("OrderPlaced", 2, placedV2().put("discount", "1.00")))
        .singleElement().asString().contains("discount");
    ObjectNode badLine = placedV2();
    badLine.withArray("items").addObject().put("sku", "SKU-2").put("quantity", 0);
    assertThat(EventSchemas.validate("OrderPlaced", 2, badLine)).singleElement().asString().contains("quantity");
  }

  @Test
  void refundedNeedsItsTotals() {
    ObjectNode refunded = EventJson.object().put("amount", "5.00").put("currency", "EUR").put("reason", "late");

    assertThat(EventSchemas.validate("OrderRefunded", 1, refunded)).hasSize(2);
    refunded.put("totalRefunded", "5.00").put("fullyRefunded", false);
    assertThat(EventSchemas.validate("OrderRefunded", 1, refunded)).isEmpty();
  }

  @Test
  void unknownTypeOrVersionIsItsOwnResult() {
    assertThat(EventSchemas.check("OrderPlaced", 3, placedV2()))
        .isEqualTo(new SchemaCheck.Unknown("OrderPlaced", 3));
    assertThat(EventSchemas.check("OrderLost", 1, placedV2())).isInstanceOf(SchemaCheck.Unknown.class);
    assertThat(EventSchemas.validate("OrderPlaced", 0, placedV2())).containsExactly("no schema for OrderPlaced v0");
    assertThat(EventSchemas.isKnown("OrderPlaced", 1)).isTrue();
    assertThat(EventSchemas.isKnown("OrderPaid", 2)).isFalse();
  }

  @Test
  void currentVersions() {
    assertThat(EventSchemas.currentVersion("OrderPlaced")).hasValue(2);
    assertThat(EventSchemas.currentVersion("OrderPaid")).hasValue(1);
    assertThat(EventSchemas.currentVersion("OrderLost")).isEmpty();
  }
}
