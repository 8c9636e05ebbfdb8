package io.tally.order;

import io.tally.events.EventEnvelope;

/** A record value from {@code orders.events}: readable (at the current version), or poison with a reason. */
public sealed interface ReadOutcome {

  /** The envelope after upcasting, and its payload as a record. */
  record Readable(EventEnvelope envelope, OrderEvent event) implements ReadOutcome {}

  /** Never retried, never dropped: goes to {@code orders.events.dlq} with {@code reason.code()} as header. */
  record Poison(Reason reason, String detail) implements ReadOutcome {}

  enum Reason {
    UNPARSEABLE("unparseable"),
    UNKNOWN_VERSION("unknown-version"),
    SCHEMA_INVALID("schema-invalid");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
