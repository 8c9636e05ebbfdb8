package io.tally.service;

import java.util.Map;
import java.util.Optional;

/**
 * Where a service reads its configuration: a system property {@code tally.kafka.bootstrap} wins over the
 * environment variable {@code TALLY_KAFKA_BOOTSTRAP}, which wins over the default. One rule for every service,
 * so the launcher, Kubernetes and tests configure them all the same way.
 */
public final class Settings {
  private final Map<String, String> env;

  public Settings(Map<String, String> env) {
    this.env = env;
  }

  public static Settings fromEnvironment() {
    return new Settings(System.getenv());
  }

  public Optional<String> find(String key) {
    String fromProperty = System.getProperty(key);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return Optional.of(fromProperty);
    }
    String fromEnv = env.get(envName(key));
    return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv);
  }

  public String get(String key, String fallback) {
    return find(key).orElse(fallback);
  }

  public String require(String key) {
    return find(key).orElseThrow(() -> new IllegalStateException(
        "missing setting " + key + " (system property) or " + envName(key) + " (environment)"));
  }

  public int getInt(String key, int fallback) {
    String value = get(key, Integer.toString(fallback));
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("setting " + key + " must be a whole number, got '" + value + "'", e);
    }
  }

  /** tally.kafka.bootstrap → TALLY_KAFKA_BOOTSTRAP */
  public static String envName(String key) {
    return key.toUpperCase().replace('.', '_').replace('-', '_');
  }
}
