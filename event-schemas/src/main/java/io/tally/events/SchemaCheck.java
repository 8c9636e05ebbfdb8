package io.tally.events;

import java.util.List;

/**
 * The outcome of checking a payload against its schema. {@link Unknown} is separate from {@link Invalid} because
 * consumers treat them differently: an unknown version may be a newer producer (dead-letter "unknown-version",
 * replay after upgrading), an invalid payload is poison ("schema-invalid").
 */
public sealed interface SchemaCheck {

  /** Human-readable violations; empty only when valid. */
  List<String> violations();

  default boolean isValid() {
    return this instanceof Valid;
  }

  record Valid() implements SchemaCheck {
    @Override
    public List<String> violations() {
      return List.of();
    }
  }

  record Invalid(List<String> violations) implements SchemaCheck {
    public Invalid {
      violations = List.copyOf(violations);
    }
  }

  record Unknown(String type, int version) implements SchemaCheck {
    @Override
    public List<String> violations() {
      return List.of("no schema for " + type + " v" + version);
    }
  }
}
