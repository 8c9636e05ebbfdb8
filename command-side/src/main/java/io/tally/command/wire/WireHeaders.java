package io.tally.command.wire;

import io.tally.events.EventHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Headers of the command side's own topics. The command id rides outside the value so the decider can rebuild its
 * idempotency index from {@code orders.command-results} without parsing a single JSON value.
 */
public final class WireHeaders {
  public static final String COMMAND_ID = "tally.command-id";
  public static final String COMMAND_TYPE = "tally.command-type";
  /** Present (value "1") on an outcome that re-answers an earlier command; the index keeps first outcomes only. */
  public static final String REPEAT = "tally.repeat";

  private WireHeaders() {}

  /** The last value of a header as text, or null. */
  public static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : EventHeaders.text(header.value());
  }
}
