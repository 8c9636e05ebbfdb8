package io.tally.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Command body schemas ({@code schemas/commands/<Type>.v1.json}): the published HTTP contract. The command parser
 * enforces the same rules with field-by-field errors; these files are for clients and for generated docs.
 */
public final class CommandSchemas {

  public static final Map<String, Integer> CURRENT_VERSIONS = Map.of(
      "PlaceOrder", 1, "PayOrder", 1, "ShipOrder", 1, "CancelOrder", 1, "RefundOrder", 1);

  private static final SchemaCatalog CATALOG = new SchemaCatalog("commands", CURRENT_VERSIONS);

  private CommandSchemas() {}

  public static SchemaCheck check(String type, JsonNode body) {
    Integer version = CURRENT_VERSIONS.get(type);
    return CATALOG.check(type, version == null ? 1 : version, body);
  }
}
