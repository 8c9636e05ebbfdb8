package io.tally.lake.job;

/** A {@code tally.*} setting: system property, else the TALLY_* environment variable, else the default. */
final class Env {
  private Env() {}

  static String get(String key, String fallback) {
    String p = System.getProperty(key);
    if (p != null && !p.isBlank()) {
      return p;
    }
    String e = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
    return e == null || e.isBlank() ? fallback : e;
  }
}
