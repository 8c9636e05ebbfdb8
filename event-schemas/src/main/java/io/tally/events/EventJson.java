package io.tally.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration for events and commands. Every module should parse command bodies and event
 * payloads through it, because the settings decide what money looks like: floats are read as BigDecimal (0.1
 * stays 0.1, not 0.1000000000000000055...), duplicate keys and trailing garbage are errors rather than silently
 * "last one wins", and text is written as raw UTF-8.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // Emoji as 4 raw UTF-8 bytes, not a 12-byte escaped surrogate pair: the event size limit counts bytes.
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();
  // Built once: ObjectMapper.readTree resolves the JsonNode type on every call (a tenth of its parse time).
  private static final ObjectReader TREE = MAPPER.readerFor(JsonNode.class);
  // For streamed reads: the tree builder catches duplicate keys as it inserts them, where the parser's duplicate
  // detection keeps a hash set per object besides (a tenth of an event's decode).
  private static final ObjectReader STREAMED_TREE = TREE.with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private EventJson() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static JsonNode read(byte[] json) throws IOException {
    return TREE.readTree(json);
  }

  public static JsonNode read(String json) throws IOException {
    return TREE.readTree(json);
  }

  /**
   * A parser for hand-written streamed reads, without the parser's duplicate-key detection: the caller owes the
   * duplicate and trailing-token checks, and reads nested values with {@link #readValue(JsonParser)}, which has them.
   */
  public static JsonParser parser(byte[] json) throws IOException {
    JsonParser parser = MAPPER.getFactory().createParser(json);
    parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return parser;
  }

  /** The value at the parser's current token as a tree, refusing duplicate keys at any depth. */
  public static JsonNode readValue(JsonParser parser) throws IOException {
    return STREAMED_TREE.readTree(parser);
  }

  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes; reaching this is a bug, not bad input.
      throw new UncheckedIOException(e);
    }
  }

  /** A copy callers may configure further without affecting anyone else. */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }
}
