package io.tally.events;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Size and shape limits that keep one tenant's input from hurting the others: bounded record sizes on the log,
 * bounded column widths in the stores, keys that cannot be confused. Each check names the field it rejects.
 */
public final class Limits {

  /** Lowercase letters, digits and hyphen, 3-40 characters, starting with a letter: safe in keys, URLs, paths. */
  public static final Pattern TENANT = Pattern.compile("[a-z][a-z0-9-]{2,39}");
  /** Order and command ids: no '/', so {@code tenant/orderId} keys split one way only. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
  public static final int ID_MAX = 64;
  public static final int CUSTOMER_ID_MAX = 64;
  public static final int REASON_MAX = 500;
  /** Payment references, carriers, tracking ids: other systems' ids, sized generously. */
  public static final int REFERENCE_MAX = 128;
  public static final int SKU_MAX = 64;
  public static final int ITEMS_MAX = 100;
  public static final int QUANTITY_MAX = 10_000;
  /** One serialized envelope; far below the broker's 1 MiB default so batching stays efficient. */
  public static final int MAX_EVENT_BYTES = 64 * 1024;
  /** Keeps every amount inside a DECIMAL(18,4) column in Postgres, ClickHouse and Iceberg. */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

  private Limits() {}

  public static Optional<FieldViolation> tenant(String tenant) {
    if (tenant == null || !isTenant(tenant)) {
      return violation("tenant", "must be 3-40 lowercase letters, digits or '-', starting with a letter");
    }
    return Optional.empty();
  }

  /** {@link #TENANT} as a loop: every event read checks its tenant, and a matcher per event was measurable. */
  static boolean isTenant(String tenant) {
    int length = tenant.length();
    if (length < 3 || length > 40 || tenant.charAt(0) < 'a' || tenant.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = tenant.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** An order id or command id. */
  public static Optional<FieldViolation> id(String field, String value) {
    if (value == null || value.isEmpty()) {
      return violation(field, "is required");
    }
    if (value.length() > ID_MAX) {
      return violation(field, "must be at most " + ID_MAX + " characters");
    }
    if (!ID.matcher(value).matches()) {
      return violation(field, "may contain only letters, digits and . _ : - (and must start with a letter or digit)");
    }
    return Optional.empty();
  }

  /**
   * Free text: not blank, at most {@code max} characters (code points, as a user counts them), no control
   * characters (they render as nothing in dashboards and inflate JSON six-fold when escaped).
   */
  public static Optional<FieldViolation> text(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return violation(field, "must not be blank");
    }
    if (value.codePointCount(0, value.length()) > max) {
      return violation(field, "must be at most " + max + " characters");
    }
    if (value.codePoints().anyMatch(Character::isISOControl)) {
      return violation(field, "must not contain control characters");
    }
    return Optional.empty();
  }

  public static Optional<FieldViolation> eventSize(int bytes) {
    if (bytes > MAX_EVENT_BYTES) {
      return violation("event", "is " + bytes + " bytes; the limit is " + MAX_EVENT_BYTES);
    }
    return Optional.empty();
  }

  /** Only the upper bound; sign and decimals depend on the order's currency and are lifecycle rules. */
  public static Optional<FieldViolation> amount(String field, BigDecimal amount) {
    if (amount != null && amount.compareTo(MAX_AMOUNT) > 0) {
      return violation(field, "must not exceed " + MAX_AMOUNT.toPlainString());
    }
    return Optional.empty();
  }

  private static Optional<FieldViolation> violation(String field, String message) {
    return Optional.of(new FieldViolation(field, message));
  }
}
