package io.tally.events;

/**
 * Thrown by {@link JsonFields} at the first bad field. Reading stops there on purpose: callers report exactly one
 * field, the first one, so the answer is stable and short.
 */
public final class InvalidFieldException extends RuntimeException {

  private final String field;

  public InvalidFieldException(String field, String message) {
    super(message, null, false, false); // expected on bad input: no stack trace to pay for
    this.field = field;
  }

  public InvalidFieldException(FieldViolation violation) {
    this(violation.field(), violation.message());
  }

  public String field() {
    return field;
  }

  public FieldViolation violation() {
    return new FieldViolation(field, getMessage());
  }
}
