package io.tally.lake.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.events.EventJson;
import io.tally.events.EventTypes;
import io.tally.lake.LakeSchemas;
import io.tally.lake.PayloadField;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The events table has a column for every payload field of every current event version, and none for a field
 * no event has: a new event version with a new field fails here until LakeSchemas.PAYLOAD_FIELDS names it (the
 * next run then adds the column; see LakeSchemaEvolutionTest).
 */
class PayloadFieldsTest {

  @Test
  void everyFieldOfTheCurrentEventSchemasHasAColumn() throws Exception {
    Set<String> inSchemas = new TreeSet<>();
    for (var type : EventTypes.CURRENT_VERSIONS.entrySet()) {
      String resource = "schemas/events/" + type.getKey() + ".v" + type.getValue() + ".json";
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        JsonNode schema = EventJson.read(in.readAllBytes());
        schema.get("properties").fieldNames().forEachRemaining(inSchemas::add);
      }
    }
    Set<String> columns = LakeSchemas.PAYLOAD_FIELDS.stream().map(PayloadField::json)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(columns).isEqualTo(inSchemas);
  }
}
