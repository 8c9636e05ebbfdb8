package io.tally.order;

import io.tally.events.Limits;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/** Money checks shared by the command parser (field errors) and the lifecycle (rule rejections). */
final class AmountRules {

  private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

  private AmountRules() {}

  /** The currency for an ISO 4217 code, or the rule it breaks. */
  static Optional<Decision.Rejected> currency(String code) {
    Currency currency = currencyOrNull(code);
    if (currency == null) {
      return reject(Rule.CURRENCY_NOT_ISO4217, "'" + code + "' is not an ISO 4217 currency code");
    }
    if (currency.getDefaultFractionDigits() < 0) {
      // Gold, SDR, test codes: ISO 4217 but no minor unit, so no amount can be checked or scaled.
      return reject(Rule.CURRENCY_NOT_SUPPORTED, code + " has no minor unit and cannot price an order");
    }
    return Optional.empty();
  }

  /** Sign, size and decimals of an amount in a currency that passed {@link #currency}. */
  static Optional<Decision.Rejected> amount(BigDecimal amount, String currencyCode) {
    Optional<Decision.Rejected> signOrSize = signAndSize(amount);
    if (signOrSize.isPresent()) {
      return signOrSize;
    }
    int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
    if (Math.max(0, amount.stripTrailingZeros().scale()) > digits) {
      return reject(Rule.AMOUNT_TOO_MANY_DECIMALS,
          currencyCode + " amounts have at most " + digits + " decimal places, got " + amount.toPlainString());
    }
    return Optional.empty();
  }

  /** The checks that need no currency. */
  static Optional<Decision.Rejected> signAndSize(BigDecimal amount) {
    if (amount.signum() <= 0) {
      return reject(Rule.AMOUNT_NOT_POSITIVE, "amount must be positive, got " + amount.toPlainString());
    }
    if (Limits.amount("amount", amount).isPresent()) {
      return reject(Rule.AMOUNT_TOO_LARGE, "amount must not exceed " + Limits.MAX_AMOUNT.toPlainString());
    }
    return Optional.empty();
  }

  /** The amount at the currency's scale, so 12.5 EUR and 12.50 EUR are the same fact. */
  static BigDecimal scaled(BigDecimal amount, String currencyCode) {
    return amount.setScale(Currency.getInstance(currencyCode).getDefaultFractionDigits());
  }

  private static Currency currencyOrNull(String code) {
    if (code == null || !CODE.matcher(code).matches()) {
      return null;
    }
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Optional<Decision.Rejected> reject(Rule rule, String message) {
    return Optional.of(new Decision.Rejected(rule, message));
  }
}
