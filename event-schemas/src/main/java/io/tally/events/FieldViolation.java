package io.tally.events;

/** A field that breaks a rule, named so an HTTP 400/422 or a DLQ header can point at it. */
public record FieldViolation(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
