package io.tally.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Kafka header names and their byte encoding. Tenant, type and schema version are repeated outside the payload so
 * that routing, filtering and "unknown version" dead-lettering need no JSON parse. Values are UTF-8 text; the
 * version is its decimal digits, readable in any console consumer.
 */
public final class EventHeaders {

  public static final String TENANT = "tally.tenant";
  public static final String TYPE = "tally.type";
  public static final String SCHEMA_VERSION = "tally.schema-version";

  private EventHeaders() {}

  /**
   * The three headers for an envelope, in a stable order. Tenant last: consumers check it with Kafka's
   * {@code lastHeader}, which decodes the name of every header from the end until it finds the one asked for.
   */
  public static Map<String, byte[]> of(EventEnvelope envelope) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    headers.put(TYPE, text(envelope.type()));
    headers.put(SCHEMA_VERSION, version(envelope.schemaVersion()));
    headers.put(TENANT, text(envelope.tenant()));
    return headers;
  }

  public static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  public static String text(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  /**
   * Whether a header value is this text, compared without decoding it: consumers check the tenant header of
   * every record, and a string per header was a tenth of a projection's decode.
   */
  public static boolean isText(byte[] value, String text) {
    if (isAscii(text)) {
      return value.length == text.length() && sameAscii(value, 0, text);
    }
    return text(value).equals(text);
  }

  /** The bytes from {@code from} on start with the ASCII {@code text}, byte for char. */
  static boolean sameAscii(byte[] bytes, int from, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (bytes[from + i] != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  public static byte[] version(int schemaVersion) {
    return text(Integer.toString(schemaVersion));
  }

  /** Empty when the header is absent or not a positive decimal number: the caller dead-letters it. */
  public static OptionalInt version(byte[] value) {
    if (value == null || value.length == 0 || value.length > 9) {
      return OptionalInt.empty();
    }
    String digits = text(value);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalInt.empty();
    }
    int version = Integer.parseInt(digits);
    return version >= 1 ? OptionalInt.of(version) : OptionalInt.empty();
  }
}
