package io.tally.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.CommandSchemas;
import io.tally.events.EventJson;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.TreeSet;

/**
 * The OpenAPI 3.1 document the service serves at /openapi.json. The paths are written by hand; the command body
 * schemas are spliced in from event-schemas at start, so the document can never drift from what is enforced.
 */
public final class OpenApiDocument {
  static final String RESOURCE = "openapi/command-api.json";

  private OpenApiDocument() {}

  /** Reads and assembles the document; blocking (class path), so call it off the event loop. */
  public static Buffer load() {
    ObjectNode doc = (ObjectNode) read(RESOURCE);
    ObjectNode schemas = doc.withObject("/components").withObject("/schemas");
    for (String type : new TreeSet<>(CommandSchemas.CURRENT_VERSIONS.keySet())) {
      int version = CommandSchemas.CURRENT_VERSIONS.get(type);
      ObjectNode schema = (ObjectNode) read("schemas/commands/" + type + ".v" + version + ".json");
      schema.remove("$schema");
      schemas.set(type, schema);
    }
    return Buffer.buffer(EventJson.write(doc));
  }

  private static JsonNode read(String resource) {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return EventJson.read(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
