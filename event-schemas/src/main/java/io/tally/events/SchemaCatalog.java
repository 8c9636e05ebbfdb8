package io.tally.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * JSON Schemas loaded once from {@code schemas/<folder>/<Type>.v<N>.json} on the classpath, for versions 1..current
 * of each known type. Loading eagerly means a missing or broken schema file fails at startup, not on the first
 * event of that type at 3 a.m.
 */
final class SchemaCatalog {

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  /** The full validator, and the compiled shortcut tried first (null when the schema is outside its subset). */
  private record Schema(JsonSchema full, Predicate<JsonNode> surelyValid) {}

  private final Map<String, Map<Integer, Schema>> schemas = new HashMap<>();

  SchemaCatalog(String folder, Map<String, Integer> currentVersions) {
    currentVersions.forEach((type, current) -> {
      Map<Integer, Schema> versions = new HashMap<>();
      for (int version = 1; version <= current; version++) {
        versions.put(version, load("schemas/" + folder + "/" + type + ".v" + version + ".json"));
      }
      schemas.put(type, Map.copyOf(versions));
    });
  }

  boolean isKnown(String type, int version) {
    return schemas.getOrDefault(type, Map.of()).containsKey(version);
  }

  /** Whether payloads of this version meet the compiled shortcut first (see PayloadRules). */
  boolean hasShortcut(String type, int version) {
    Schema schema = schemas.getOrDefault(type, Map.of()).get(version);
    return schema != null && schema.surelyValid() != null;
  }

  SchemaCheck check(String type, int version, JsonNode payload) {
    Schema schema = schemas.getOrDefault(type, Map.of()).get(version);
    if (schema == null) {
      return new SchemaCheck.Unknown(type, version);
    }
    if (schema.surelyValid() != null && schema.surelyValid().test(payload)) {
      return new SchemaCheck.Valid();
    }
    return full(schema.full(), payload);
  }

  /** The full validator alone: what the shortcut must agree with. */
  SchemaCheck checkFully(String type, int version, JsonNode payload) {
    Schema schema = schemas.getOrDefault(type, Map.of()).get(version);
    return schema == null ? new SchemaCheck.Unknown(type, version) : full(schema.full(), payload);
  }

  private static SchemaCheck full(JsonSchema schema, JsonNode payload) {
    Set<ValidationMessage> messages = schema.validate(payload);
    if (messages.isEmpty()) {
      return new SchemaCheck.Valid();
    }
    List<String> violations = messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    return new SchemaCheck.Invalid(violations);
  }

  private static Schema load(String resource) {
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + resource);
      }
      JsonNode definition = EventJson.read(in.readAllBytes());
      return new Schema(FACTORY.getSchema(definition), PayloadRules.compile(definition));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
  }
}
