package io.tally.events;

import java.util.Optional;

/**
 * A record value that cannot be read as an event: not JSON, missing or mistyped envelope fields, too large, or a
 * payload that does not map to its type. Consumers send it to the DLQ with {@link #reason()} as the reason header;
 * retrying cannot help.
 */
public final class UnparseableEventException extends RuntimeException {

  private final String reason;
  private final String field;

  public UnparseableEventException(String reason, String field) {
    super(field == null ? reason : field + ": " + reason);
    this.reason = reason;
    this.field = field;
  }

  public String reason() {
    return reason;
  }

  /** The offending envelope or payload field, when one can be named. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
