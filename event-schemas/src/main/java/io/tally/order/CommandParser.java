package io.tally.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.FieldViolation;
import io.tally.events.InvalidFieldException;
import io.tally.events.JsonFields;
import io.tally.events.Limits;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a command body (as posted over HTTP, or as carried on {@code orders.commands}) and names the first bad
 * field. Order of checks: tenant, type, unknown fields, then the fields in the order of the command's schema.
 * Unknown fields come early because a misspelt "ammount" is better reported as itself than as "amount missing".
 */
public final class CommandParser {

  private static final Map<String, Set<String>> FIELDS = Map.of(
      "PlaceOrder", fields("customerId", "amount", "currency", "items"),
      "PayOrder", fields("amount", "currency", "paymentRef"),
      "ShipOrder", fields("carrier", "trackingId"),
      "CancelOrder", fields("reason"),
      "RefundOrder", fields("amount", "currency", "reason"));

  private CommandParser() {}

  /** @param tenant from the caller's token or the record key, never from the body */
  public static ParseResult parse(String tenant, ObjectNode body) {
    try {
      return new ParseResult.Parsed(read(tenant, body));
    } catch (InvalidFieldException e) {
      return new ParseResult.Invalid(e.field(), e.getMessage());
    }
  }

  /** The command types this parser accepts, i.e. the values of {@code type}. */
  public static Set<String> types() {
    return FIELDS.keySet();
  }

  private static OrderCommand read(String tenant, ObjectNode body) {
    check(Limits.tenant(tenant));
    JsonFields json = new JsonFields(body);
    String type = json.text("type");
    Set<String> allowed = FIELDS.get(type);
    if (allowed == null) {
      throw json.invalid("type", "unknown command type '" + type + "'; expected one of " + FIELDS.keySet());
    }
    if (body.has("tenant")) {
      throw json.invalid("tenant", "comes from the caller's token, not the body");
    }
    json.rejectUnknown(allowed);
    String commandId = id(json, "commandId");
    String orderId = id(json, "orderId");
    OptionalLong expectedVersion = json.optionalWholeNumber("expectedVersion");
    if (expectedVersion.isPresent() && expectedVersion.getAsLong() < 0) {
      throw json.invalid("expectedVersion", "must be >= 0");
    }
    switch (type) {
      case "PlaceOrder": {
        String customerId = text(json, "customerId", Limits.CUSTOMER_ID_MAX);
        BigDecimal amount = amount(json);
        String currency = json.text("currency");
        currencyAndDecimals(currency, amount);
        return new PlaceOrder(commandId, tenant, orderId, expectedVersion, customerId, amount, currency,
            OrderLinesField.read(json));
      }
      case "PayOrder": {
        BigDecimal amount = amount(json);
        Optional<String> currency = json.optionalText("currency");
        currency.ifPresent(code -> currencyAndDecimals(code, amount));
        return new PayOrder(commandId, tenant, orderId, expectedVersion, amount, currency,
            optionalText(json, "paymentRef", Limits.REFERENCE_MAX));
      }
      case "ShipOrder":
        return new ShipOrder(commandId, tenant, orderId, expectedVersion,
            optionalText(json, "carrier", Limits.REFERENCE_MAX),
            optionalText(json, "trackingId", Limits.REFERENCE_MAX));
      case "CancelOrder":
        return new CancelOrder(commandId, tenant, orderId, expectedVersion,
            text(json, "reason", Limits.REASON_MAX));
      default: {
        BigDecimal amount = amount(json);
        Optional<String> currency = json.optionalText("currency");
        currency.ifPresent(code -> currencyAndDecimals(code, amount));
        return new RefundOrder(commandId, tenant, orderId, expectedVersion, amount, currency,
            text(json, "reason", Limits.REASON_MAX));
      }
    }
  }

  private static String id(JsonFields json, String field) {
    String value = json.text(field);
    check(Limits.id(field, value));
    return value;
  }

  private static String text(JsonFields json, String field, int max) {
    String value = json.text(field);
    check(Limits.text(field, value, max));
    return value;
  }

  private static Optional<String> optionalText(JsonFields json, String field, int max) {
    Optional<String> value = json.optionalText(field);
    value.ifPresent(text -> check(Limits.text(field, text, max)));
    return value;
  }

  private static BigDecimal amount(JsonFields json) {
    BigDecimal amount = json.decimal("amount");
    AmountRules.signAndSize(amount).ifPresent(r -> reject("amount", r));
    return amount;
  }

  private static void currencyAndDecimals(String currency, BigDecimal amount) {
    AmountRules.currency(currency).ifPresent(r -> reject("currency", r));
    AmountRules.amount(amount, currency).ifPresent(r -> reject("amount", r));
  }

  private static void reject(String field, Decision.Rejected rejected) {
    throw new InvalidFieldException(field, rejected.message());
  }

  private static void check(Optional<FieldViolation> violation) {
    violation.ifPresent(v -> {
      throw new InvalidFieldException(v);
    });
  }

  private static Set<String> fields(String... specific) {
    Set<String> all = new HashSet<>(Set.of("type", "commandId", "orderId", "expectedVersion"));
    all.addAll(Set.of(specific));
    return Set.copyOf(all);
  }
}
