package io.tally.query.http;

import io.tally.service.http.Problem;

/** A query parameter or path value the caller got wrong; answered 400 with the field named. */
public final class InvalidParam extends RuntimeException {
  private final String field;

  public InvalidParam(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }

  public Problem problem() {
    return Problem.badField(400, field, getMessage());
  }
}
