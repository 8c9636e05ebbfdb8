package io.tally.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.OptionalInt;

/** Event payload schemas, one per type and version ({@code schemas/events/<Type>.v<N>.json}). */
public final class EventSchemas {

  private static final SchemaCatalog CATALOG = new SchemaCatalog("events", EventTypes.CURRENT_VERSIONS);

  private EventSchemas() {}

  /** Valid, Invalid(violations) or Unknown(type, version). */
  public static SchemaCheck check(String type, int version, JsonNode payload) {
    return CATALOG.check(type, version, payload);
  }

  /** Violations of the payload; an unknown type or version yields one violation saying so. */
  public static List<String> validate(String type, int version, JsonNode payload) {
    return check(type, version, payload).violations();
  }

  static SchemaCatalog catalog() {
    return CATALOG;
  }

  public static boolean isKnown(String type, int version) {
    return CATALOG.isKnown(type, version);
  }

  /** The version every consumer sees after upcasting; empty for a type this build does not know. */
  public static OptionalInt currentVersion(String type) {
    Integer current = EventTypes.CURRENT_VERSIONS.get(type);
    return current == null ? OptionalInt.empty() : OptionalInt.of(current);
  }
}
