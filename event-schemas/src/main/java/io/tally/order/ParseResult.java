package io.tally.order;

/** A command body read into a command, or the first field that is wrong and why. */
public sealed interface ParseResult {

  record Parsed(OrderCommand command) implements ParseResult {}

  /** {@code field} is a JSON field name, or a path such as {@code items[2].quantity}. */
  record Invalid(String field, String message) implements ParseResult {}
}
