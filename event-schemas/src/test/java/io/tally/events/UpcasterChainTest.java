package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class UpcasterChainTest {

  /** Every version of every type, so adding a version without a fixture fails here. */
  static Stream<Arguments> everyTypeAndVersion() {
    List<Arguments> all = new ArrayList<>();
    EventTypes.CURRENT_VERSIONS.forEach((type, current) -> {
      for (int version = 1; version <= current; version++) {
        all.add(Arguments.of(type, version));
      }
    });
    return all.stream();
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("everyTypeAndVersion")
  void everyFixtureIsValidAsWrittenAndUpcastsToAValidCurrentPayload(String type, int version) {
    EventEnvelope historical = Fixtures.envelope(type, version);
    assertThat(historical.type()).isEqualTo(type);
    assertThat(historical.schemaVersion()).isEqualTo(version);
    assertThat(EventSchemas.validate(type, version, historical.payload())).isEmpty();

    EventEnvelope current = UpcasterChain.standard().upcast(historical);

    assertThat(current.schemaVersion()).isEqualTo(EventSchemas.currentVersion(type).getAsInt());
    assertThat(EventSchemas.validate(type, current.schemaVersion(), current.payload())).isEmpty();
    assertThat(current.eventId()).isEqualTo(historical.eventId());
    assertThat(current.sequence()).isEqualTo(historical.sequence());
  }

  @Test
  void orderPlacedV1GetsTheHistoricalEuroAndKeepsEverythingElse() {
    EventEnvelope v1 = Fixtures.envelope("OrderPlaced", 1);
    ObjectNode before = v1.payload().deepCopy();

    ObjectNode lifted = UpcasterChain.standard().upcast(v1).payload();

    assertThat(lifted.get("currency").textValue()).isEqualTo("EUR");
    ObjectNode withoutCurrency = lifted.deepCopy();
    withoutCurrency.remove("currency");
    assertThat(withoutCurrency).isEqualTo(before);
    assertThat(v1.payload()).as("input untouched").isEqualTo(before);
  }

  @Test
  void currentEnvelopesPassThroughUnchanged() {
    EventEnvelope v2 = Fixtures.envelope("OrderPlaced", 2);

    assertThat(UpcasterChain.standard().upcast(v2)).isSameAs(v2);
    assertThat(v2.payload().get("currency").textValue()).isEqualTo("SEK");
  }

  @Test
  void versionsFromTheFutureAndUnknownTypesAreRefused() {
    EventEnvelope v2 = Fixtures.envelope("OrderPlaced", 2);

    assertThatThrownBy(() -> UpcasterChain.standard().upcast(v2.withSchema(3, v2.payload())))
        .isInstanceOfSatisfying(UnknownSchemaVersionException.class, e -> assertThat(e.version()).isEqualTo(3));
    assertThatThrownBy(() -> UpcasterChain.standard().upcast("OrderLost", 1, v2.payload()))
        .isInstanceOf(UnknownSchemaVersionException.class);
  }

  @Test
  void aChainWithAGapCannotBeBuilt() {
    assertThatThrownBy(() -> new UpcasterChain(List.of(new OrderPlacedV1ToV2()), Map.of("OrderPlaced", 3)))
        .hasMessageContaining("OrderPlaced v2");
    assertThatThrownBy(() -> new UpcasterChain(List.of(), Map.of("OrderPlaced", 2)))
        .hasMessageContaining("OrderPlaced v1");
  }

  @Test
  void stepsMayJumpVersionsAndAreAppliedInOrder() {
    Upcaster oneToThree = step(1, 3, "a");
    Upcaster threeToFour = step(3, 4, "b");
    UpcasterChain chain = new UpcasterChain(List.of(threeToFour, oneToThree, step(2, 3, "c")), Map.of("T", 4));

    assertThat(chain.upcast("T", 1, EventJson.object()).get("trail").textValue()).isEqualTo("ab");
    assertThat(chain.upcast("T", 2, EventJson.object()).get("trail").textValue()).isEqualTo("cb");
  }

  @Test
  void duplicateStepsAreRefused() {
    assertThatThrownBy(() -> new UpcasterChain(List.of(step(1, 2, "a"), step(1, 2, "b")), Map.of("T", 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Upcaster step(int from, int to, String mark) {
    return new Upcaster() {
      @Override
      public String type() {
        return "T";
      }

      @Override
      public int fromVersion() {
        return from;
      }

      @Override
      public int toVersion() {
        return to;
      }

      @Override
      public ObjectNode upcast(ObjectNode payload) {
        String trail = payload.has("trail") ? payload.get("trail").textValue() : "";
        return payload.put("trail", trail + mark);
      }
    };
  }
}
