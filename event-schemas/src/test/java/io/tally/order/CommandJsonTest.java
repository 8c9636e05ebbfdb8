package io.tally.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.CommandSchemas;
import io.tally.events.SchemaCheck;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Commands written as body JSON read back as themselves, and the published schemas agree with the parser. */
class CommandJsonTest {

  static Stream<OrderCommand> commands() {
    return Stream.of(
        Orders.place(),
        new PlaceOrder("c-9", "acme", "o-9", OptionalLong.of(0), "cust", new BigDecimal("1200"), "JPY", List.of()),
        Orders.pay(),
        new PayOrder("c-8", "acme", "o-1", OptionalLong.of(1), new BigDecimal("100.00"), Optional.of("EUR"),
            Optional.empty()),
        Orders.ship(),
        Orders.cancel(),
        Orders.refund("30.00"),
        new RefundOrder("c-7", "acme", "o-1", OptionalLong.of(4), BigDecimal.ONE, Optional.of("EUR"), "late"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void bodyJsonParsesBackToTheSameCommand(OrderCommand command) {
    ObjectNode json = CommandJson.toJson(command);

    assertThat(json.has("tenant")).isFalse();
    assertThat(CommandParser.parse(command.tenant(), json)).isEqualTo(new ParseResult.Parsed(command));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void bodyJsonSatisfiesThePublishedSchema(OrderCommand command) {
    assertThat(CommandSchemas.check(command.type(), CommandJson.toJson(command)).violations()).isEmpty();
  }

  @Test
  void publishedSchemasRejectWhatTheParserRejects() {
    ObjectNode unknownField = CommandJson.toJson(Orders.place()).put("ammount", 1);
    ObjectNode missingReason = CommandJson.toJson(Orders.cancel());
    missingReason.remove("reason");
    ObjectNode badCurrency = CommandJson.toJson(Orders.place()).put("currency", "eur");

    assertThat(CommandSchemas.check("PlaceOrder", unknownField).violations()).singleElement().asString()
        .contains("ammount");
    assertThat(CommandSchemas.check("CancelOrder", missingReason).violations()).singleElement().asString()
        .contains("reason");
    assertThat(CommandSchemas.check("PlaceOrder", badCurrency).isValid()).isFalse();
    assertThat(CommandSchemas.check("BuyOrder", badCurrency)).isInstanceOf(SchemaCheck.Unknown.class);
  }
}
