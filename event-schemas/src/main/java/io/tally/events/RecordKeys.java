package io.tally.events;

import java.nio.charset.StandardCharsets;

/**
 * Record keys {@code tenant/orderId}: one order's commands and events land on one partition (per-aggregate
 * order), while many tenants and orders spread evenly. Neither part may contain '/', so a key splits one way.
 */
public final class RecordKeys {

  private RecordKeys() {}

  public static String of(String tenant, String orderId) {
    Limits.tenant(tenant).ifPresent(RecordKeys::reject);
    Limits.id("orderId", orderId).ifPresent(RecordKeys::reject);
    return tenant + "/" + orderId;
  }

  public static byte[] bytes(String tenant, String orderId) {
    return of(tenant, orderId).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether a record's key bytes are {@code tenant/orderId}, compared without decoding them into a string. */
  public static boolean matches(byte[] key, String tenant, String orderId) {
    if (!EventHeaders.isAscii(tenant) || !EventHeaders.isAscii(orderId)) {
      return new String(key, StandardCharsets.UTF_8).equals(tenant + "/" + orderId);
    }
    int slash = tenant.length();
    return key.length == slash + 1 + orderId.length() && EventHeaders.sameAscii(key, 0, tenant)
        && key[slash] == '/' && EventHeaders.sameAscii(key, slash + 1, orderId);
  }

  /** The tenant part of a key, for routing without parsing the value. */
  public static String tenantOf(String key) {
    int slash = key.indexOf('/');
    if (slash < 1) {
      throw new IllegalArgumentException("not a tenant/orderId key: " + key);
    }
    return key.substring(0, slash);
  }

  private static void reject(FieldViolation violation) {
    throw new IllegalArgumentException(violation.toString());
  }
}
