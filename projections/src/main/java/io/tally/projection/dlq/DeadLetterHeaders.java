package io.tally.projection.dlq;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Headers a dead-letter record carries next to the original key, value and headers: enough to know what went
 * wrong and where the record came from without parsing it, and to redrive it later.
 */
public final class DeadLetterHeaders {
  /** unparseable, schema-invalid or unknown-version (ReadOutcome.Reason codes). */
  public static final String REASON = "tally.dlq.reason";
  public static final String ERROR_CLASS = "tally.dlq.error-class";
  public static final String DETAIL = "tally.dlq.detail";
  public static final String SOURCE_TOPIC = "tally.dlq.source-topic";
  public static final String SOURCE_PARTITION = "tally.dlq.source-partition";
  public static final String SOURCE_OFFSET = "tally.dlq.source-offset";
  public static final String PROJECTION = "tally.dlq.projection";
  /** ISO-8601 instant the projection dead-lettered the record. */
  public static final String TIME = "tally.dlq.time";
  /** "poison" for a dead letter, "redriven" for the marker saying it was applied later. */
  public static final String KIND = "tally.dlq.kind";
  public static final String KIND_POISON = "poison";
  public static final String KIND_REDRIVEN = "redriven";

  /** Details are cut here: a schema violation list can be long and headers travel with every fetch. */
  static final int DETAIL_MAX = 1000;

  private DeadLetterHeaders() {}

  public static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  public static String get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  static String cut(String detail) {
    if (detail == null) {
      return "";
    }
    return detail.length() <= DETAIL_MAX ? detail : detail.substring(0, DETAIL_MAX) + "…";
  }
}
