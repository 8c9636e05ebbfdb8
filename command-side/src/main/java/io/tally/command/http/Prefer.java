package io.tally.command.http;

/**
 * The RFC 7240 Prefer header as this API honours it: {@code respond-async} (answer 202 once the command is in
 * the log) and {@code wait=N} (seconds to wait for the decision before 202, capped by the server's maximum).
 */
record Prefer(boolean respondAsync, long waitMillis) {

  static Prefer parse(String header, long defaultWait, long maxWait) {
    boolean async = false;
    long wait = defaultWait;
    if (header != null) {
      for (String token : header.split(",")) {
        String t = token.trim().toLowerCase();
        if (t.equals("respond-async")) {
          async = true;
        } else if (t.startsWith("wait=")) {
          try {
            wait = Math.min(maxWait, Math.max(0, Long.parseLong(t.substring(5).trim()) * 1000));
          } catch (NumberFormatException ignored) {
            // RFC 7240: a preference the server does not understand is ignored
          }
        }
      }
    }
    return new Prefer(async, async ? 0 : wait);
  }

  /** Preference-Applied value, or null when nothing was applied. */
  String applied() {
    return respondAsync ? "respond-async" : null;
  }
}
