package io.tally.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {

  static final String PLACE = "'type':'PlaceOrder','commandId':'c-1','orderId':'o-1',"
      + "'customerId':'cust-1','amount':12.5,'currency':'EUR'";

  /** JSON written with single quotes, for readable test tables. */
  static ObjectNode body(String singleQuoted) {
    try {
      return (ObjectNode) EventJson.read("{" + singleQuoted.replace('\'', '"') + "}");
    } catch (IOException e) {
      throw new IllegalArgumentException(singleQuoted, e);
    }
  }

  static ParseResult.Invalid invalid(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    return (ParseResult.Invalid) result;
  }

  static OrderCommand parsed(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).command();
  }

  @Test
  void readsAFullPlaceOrder() {
    ObjectNode json = body(PLACE + ",'expectedVersion':0,'items':[{'sku':'TEA','quantity':3}]");

    assertThat(parsed(CommandParser.parse("acme", json))).isEqualTo(new PlaceOrder("c-1", "acme", "o-1",
        OptionalLong.of(0), "cust-1", new BigDecimal("12.5"), "EUR", List.of(new OrderLine("TEA", 3))));
  }

  @Test
  void readsEveryOtherCommandType() {
    String ids = "'commandId':'c-2','orderId':'o-1'";
    assertThat(parsed(CommandParser.parse("acme", body("'type':'PayOrder'," + ids + ",'amount':'12.50',"
        + "'currency':'EUR','paymentRef':null")))).isEqualTo(new PayOrder("c-2", "acme", "o-1",
            OptionalLong.empty(), new BigDecimal("12.50"), Optional.of("EUR"), Optional.empty()));
    assertThat(parsed(CommandParser.parse("acme", body("'type':'ShipOrder'," + ids + ",'trackingId':'T1'"))))
        .isEqualTo(new ShipOrder("c-2", "acme", "o-1", OptionalLong.empty(), Optional.empty(), Optional.of("T1")));
    assertThat(parsed(CommandParser.parse("acme", body("'type':'CancelOrder'," + ids + ",'reason':'late'"))))
        .isEqualTo(new CancelOrder("c-2", "acme", "o-1", OptionalLong.empty(), "late"));
    assertThat(parsed(CommandParser.parse("acme", body("'type':'RefundOrder'," + ids + ",'amount':5,"
        + "'reason':'late'")))).isEqualTo(new RefundOrder("c-2", "acme", "o-1", OptionalLong.empty(),
            new BigDecimal("5"), Optional.empty(), "late"));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "\"\"                                                    | type            | is required",
      "'type':5                                                | type            | must be a string",
      "'type':'BuyOrder'                                       | type            | unknown command type",
      "'type':'PlaceOrder','ammount':1                         | ammount         | is not a known field",
      "'type':'PlaceOrder','tenant':'other'                    | tenant          | token",
      "'type':'ShipOrder','orderId':'o-1'                      | commandId       | is required",
      "'type':'ShipOrder','commandId':'c','orderId':'a/b'      | orderId         | may contain only",
      "'type':'ShipOrder','commandId':'c','orderId':'o','expectedVersion':-1   | expectedVersion | >= 0",
      "'type':'ShipOrder','commandId':'c','orderId':'o','expectedVersion':'3'  | expectedVersion | whole number",
      "'type':'ShipOrder','commandId':'c','orderId':'o','expectedVersion':1.5  | expectedVersion | whole number",
      "'type':'ShipOrder','commandId':'c','orderId':'o','carrier':7            | carrier         | must be a string",
      "'type':'CancelOrder','commandId':'c','orderId':'o'                      | reason          | is required",
      "'type':'CancelOrder','commandId':'c','orderId':'o','reason':'  '        | reason          | must not be blank",
      "'type':'RefundOrder','commandId':'c','orderId':'o','reason':'x'         | amount          | is required",
      "'type':'PayOrder','commandId':'c','orderId':'o','amount':true           | amount          | decimal number",
      "'type':'PayOrder','commandId':'c','orderId':'o','amount':'12,50'        | amount          | decimal number",
      "'type':'PayOrder','commandId':'c','orderId':'o','amount':0              | amount          | must be positive",
      "'type':'PayOrder','commandId':'c','orderId':'o','amount':2e9            | amount          | must not exceed",
      "'type':'PayOrder','commandId':'c','orderId':'o','amount':10.5,'currency':'JPY' | amount   | at most 0 decimal",
      "'type':'PayOrder','commandId':'c','orderId':'o','amount':10,'currency':'usd'   | currency | ISO 4217"})
  void namesTheFirstBadField(String json, String field, String message) {
    ParseResult.Invalid invalid = invalid(CommandParser.parse("acme", body(json)));

    assertThat(invalid.field()).isEqualTo(field);
    assertThat(invalid.message()).contains(message);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "'customerId':42                                   | customerId       | must be a string",
      "'amount':10.001                                   | amount           | at most 2 decimal",
      "'currency':'XYZ'                                  | currency         | ISO 4217",
      "'items':{}                                        | items            | must be an array",
      "'items':[7]                                       | items[0]         | must be an object",
      "'items':[{'sku':'A','quantity':1},{'quantity':1}] | items[1].sku     | is required",
      "'items':[{'sku':'A','quantity':0}]                | items[0].quantity| between 1 and 10000",
      "'items':[{'sku':'A','quantity':1,'color':'red'}]  | items[0].color   | is not a known field"})
  void namesBadPlaceOrderFields(String override, String field, String message) {
    ObjectNode json = body(PLACE);
    json.setAll(body(override));

    ParseResult.Invalid invalid = invalid(CommandParser.parse("acme", json));

    assertThat(invalid.field()).isEqualTo(field);
    assertThat(invalid.message()).contains(message);
  }

  @Test
  void reportsOnlyTheFirstOfSeveralProblems() {
    ObjectNode json = body("'type':'PlaceOrder','orderId':'a/b','amount':-1,'currency':'??'");

    assertThat(invalid(CommandParser.parse("acme", json)).field()).isEqualTo("commandId");
  }

  @Test
  void lengthLimitsNameTheirField() {
    ObjectNode longCustomer = body(PLACE).put("customerId", "c".repeat(65));
    ObjectNode longOrderId = body(PLACE).put("orderId", "o".repeat(65));
    ObjectNode longReason = body("'type':'CancelOrder','commandId':'c','orderId':'o'").put("reason", "r".repeat(501));
    ObjectNode manyItems = body(PLACE);
    for (int i = 0; i < 101; i++) {
      manyItems.withArray("items").addObject().put("sku", "S" + i).put("quantity", 1);
    }

    assertThat(invalid(CommandParser.parse("acme", longCustomer)).field()).isEqualTo("customerId");
    assertThat(invalid(CommandParser.parse("acme", longOrderId)).field()).isEqualTo("orderId");
    assertThat(invalid(CommandParser.parse("acme", longReason)).field()).isEqualTo("reason");
    assertThat(invalid(CommandParser.parse("acme", manyItems)).field()).isEqualTo("items");
  }

  @Test
  void aBadTenantIsReportedAsTheTenantField() {
    assertThat(invalid(CommandParser.parse("Not A Tenant", body(PLACE))).field()).isEqualTo("tenant");
  }

  @Test
  void doublesFromAnotherMapperKeepTheDecimalsTheClientWrote() throws IOException {
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(
        "{" + PLACE.replace('\'', '"').replace("12.5", "0.1") + "}");
    assertThat(json.get("amount").isDouble()).isTrue();

    PlaceOrder place = (PlaceOrder) parsed(CommandParser.parse("acme", json));

    assertThat(place.amount()).isEqualByComparingTo("0.1");
    assertThat(place.amount().scale()).isEqualTo(1);
  }

  @Test
  void knowsExactlyTheFiveCommandTypes() {
    assertThat(CommandParser.types())
        .containsExactlyInAnyOrder("PlaceOrder", "PayOrder", "ShipOrder", "CancelOrder", "RefundOrder");
  }
}
