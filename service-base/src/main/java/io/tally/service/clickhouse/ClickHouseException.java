package io.tally.service.clickhouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse refused a statement. Carries the server's own text and its numeric error code (e.g. 60 = unknown
 * table, 81 = unknown database), so callers can tell "table missing" from "server down" without parsing text.
 */
public final class ClickHouseException extends RuntimeException {
  private static final Pattern CODE = Pattern.compile("Code: (\\d+)");

  private final int httpStatus;
  private final int code;
  private final String serverText;

  public ClickHouseException(int httpStatus, String serverText, String statement) {
    super("ClickHouse HTTP " + httpStatus + ": " + serverText.strip() + " [statement: " + preview(statement) + "]");
    this.httpStatus = httpStatus;
    this.serverText = serverText.strip();
    Matcher m = CODE.matcher(serverText);
    this.code = m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** HTTP status of the reply; 200 when the error arrived in the middle of a streamed result. */
  public int httpStatus() { return httpStatus; }

  /** ClickHouse error code, or -1 when the text carried none. */
  public int code() { return code; }

  public String serverText() { return serverText; }

  // Statements can be whole insert bodies; the head is enough to find the culprit in a log.
  private static String preview(String statement) {
    String flat = statement.replaceAll("\\s+", " ").strip();
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }
}
