package io.tally.query.orders;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Amounts as the API shows them: decimal strings (never binary floats) at the currency's usual scale, so 12.5 EUR
 * reads "12.50" and 500 JPY reads "500". The stores keep four decimals; a value that needs more than the
 * currency's scale keeps them rather than being rounded.
 */
public final class Money {
  private Money() {}

  public static String format(BigDecimal amount, String currency) {
    if (amount == null) {
      return null;
    }
    int digits = digits(currency);
    BigDecimal plain = amount.stripTrailingZeros();
    if (plain.scale() < 0) {
      plain = plain.setScale(0);
    }
    return (digits >= 0 && plain.scale() <= digits ? plain.setScale(digits) : plain).toPlainString();
  }

  public static String format(String decimal, String currency) {
    return decimal == null ? null : format(new BigDecimal(decimal), currency);
  }

  private static int digits(String currency) {
    if (currency == null || currency.length() != 3) {
      return 2;
    }
    try {
      return Currency.getInstance(currency).getDefaultFractionDigits();
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }
}
