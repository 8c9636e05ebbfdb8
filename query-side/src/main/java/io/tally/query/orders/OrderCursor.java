package io.tally.query.orders;

import io.tally.query.http.InvalidParam;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of orders ended: the (createdAt, orderId) of its last row. Pages are keyed, not offset, so a page
 * is as fast on the millionth row as on the first and rows arriving meanwhile neither repeat nor vanish. Opaque
 * to clients (base64url), since its shape may change.
 */
public record OrderCursor(Instant createdAt, String orderId) {

  public String encode() {
    String raw = createdAt + "|" + orderId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  public static OrderCursor decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      if (bar > 0 && bar < raw.length() - 1) {
        return new OrderCursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // answered below
    }
    throw new InvalidParam("cursor", "cursor is not one this API handed out; use the 'next' value of a page");
  }
}
