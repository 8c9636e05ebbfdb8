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

/**
 * JSON Schemas loaded once from {@code schemas/<folder>/<Type>.v<N>.json} on the classpath, for versions 1..current
 * of each known type. Loading eagerly means a missing or broken schema file fails at startup, not on the first
 * event of that type at 3 a.m.
 */
final class SchemaCatalog {

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private final Map<String, Map<Integer, JsonSchema>> schemas = new HashMap<>();

  SchemaCatalog(String folder, Map<String, Integer> currentVersions) {
    currentVersions.forEach((type, current) -> {
      Map<Integer, JsonSchema> versions = new HashMap<>();
      for (int version = 1; version <= current; version++) {
        versions.put(version, load("schemas/" + folder + "/" + type + ".v" + version + ".json"));
      }
      schemas.put(type, Map.copyOf(versions));
    });
  }

  boolean isKnown(String type, int version) {
    return schemas.getOrDefault(type, Map.of()).containsKey(version);
  }

  SchemaCheck check(String type, int version, JsonNode payload) {
    JsonSchema schema = schemas.getOrDefault(type, Map.of()).get(version);
    if (schema == null) {
      return new SchemaCheck.Unknown(type, version);
    }
    Set<ValidationMessage> messages = schema.validate(payload);
    if (messages.isEmpty()) {
      return new SchemaCheck.Valid();
    }
    List<String> violations = messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    return new SchemaCheck.Invalid(violations);
  }

  private static JsonSchema load(String resource) {
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + resource);
      }
      return FACTORY.getSchema(EventJson.read(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
  }
}
