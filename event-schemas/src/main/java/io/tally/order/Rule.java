package io.tally.order;

/**
 * Why a command was refused, as a stable machine name clients may switch on. Codes are API: add new ones, never
 * rename. The README lists them all (a test checks that it does).
 */
public enum Rule {
  EXPECTED_VERSION_MISMATCH("expected-version.mismatch"),
  ORDER_ALREADY_EXISTS("order.already-exists"),
  ORDER_NOT_FOUND("order.not-found"),
  ORDER_CLOSED("order.closed"),
  PAY_REQUIRES_PLACED("pay.requires-placed"),
  PAY_AMOUNT_MISMATCH("pay.amount-mismatch"),
  PAY_CURRENCY_MISMATCH("pay.currency-mismatch"),
  SHIP_REQUIRES_PAID("ship.requires-paid"),
  CANCEL_AFTER_SHIPPING("cancel.after-shipping"),
  REFUND_REQUIRES_PAYMENT("refund.requires-payment"),
  REFUND_EXCEEDS_PAID("refund.exceeds-paid"),
  REFUND_CURRENCY_MISMATCH("refund.currency-mismatch"),
  AMOUNT_NOT_POSITIVE("amount.not-positive"),
  AMOUNT_TOO_MANY_DECIMALS("amount.too-many-decimals"),
  AMOUNT_TOO_LARGE("amount.too-large"),
  CURRENCY_NOT_ISO4217("currency.not-iso4217"),
  CURRENCY_NOT_SUPPORTED("currency.not-supported");

  private final String code;

  Rule(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
