package io.tally.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lifts one event type's payload from one schema version to a later one. Pure: the chain hands it a private copy,
 * so it may change and return its argument, and it must not look at anything but the payload.
 */
public interface Upcaster {

  String type();

  int fromVersion();

  default int toVersion() {
    return fromVersion() + 1;
  }

  ObjectNode upcast(ObjectNode payload);
}
