package io.tally.lake.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventJson;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per partition of one topic, the next offset to read. Its JSON is Spark's offsets format
 * ({@code {"orders.events":{"0":42,"1":17}}}), what the lake's snapshot summaries have held since it read the log
 * through Spark's Kafka source (LogReader reads it now).
 */
public record KafkaOffsets(String topic, SortedMap<Integer, Long> next) {

  public KafkaOffsets {
    next = new TreeMap<>(next);
  }

  public static KafkaOffsets none(String topic) {
    return new KafkaOffsets(topic, new TreeMap<>());
  }

  /** The offset to read next in partition p, or fallback for a partition this position does not know yet. */
  public long of(int partition, long fallback) {
    return next.getOrDefault(partition, fallback);
  }

  /** Records between this position and a later one: zero means there is nothing to read. */
  public long countUntil(KafkaOffsets end) {
    long n = 0;
    for (Map.Entry<Integer, Long> e : end.next.entrySet()) {
      n += e.getValue() - of(e.getKey(), 0L);
    }
    return n;
  }

  public String toJson() {
    ObjectNode root = EventJson.object();
    ObjectNode partitions = root.putObject(topic);
    next.forEach((p, o) -> partitions.put(Integer.toString(p), o));
    return new String(EventJson.write(root), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** @throws IllegalArgumentException when json is not offsets of exactly one topic */
  public static KafkaOffsets fromJson(String json) {
    JsonNode root;
    try {
      root = EventJson.read(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not offsets JSON: " + json, e);
    }
    if (root == null || !root.isObject() || root.size() != 1) {
      throw new IllegalArgumentException("offsets JSON must name exactly one topic: " + json);
    }
    String topic = root.fieldNames().next();
    SortedMap<Integer, Long> next = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get(topic).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      next.put(Integer.parseInt(e.getKey()), e.getValue().asLong());
    }
    return new KafkaOffsets(topic, next);
  }
}
