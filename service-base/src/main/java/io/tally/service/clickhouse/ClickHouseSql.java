package io.tally.service.clickhouse;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the literal parts of ClickHouse SQL on the client. ClickHouse 18.16 has no server-side query
 * parameters, so every value a tenant can influence must pass through {@link #literal(String)} and every name
 * through {@link #identifier(String)} before it is pasted into a statement.
 */
public final class ClickHouseSql {
  // Plain names only: no quoting rules to get wrong, and every name we create ourselves fits.
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private ClickHouseSql() {}

  /**
   * A single-quoted string literal. Backslash is ClickHouse's escape character (it would otherwise start
   * {@code \x41}-style escapes), so it is doubled first; quotes and control characters are escaped after it.
   * Null becomes {@code NULL}.
   */
  public static String literal(String value) {
    if (value == null) {
      return "NULL";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\0' -> out.append("\\0");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /** A number literal; typed as long so no caller can smuggle text in through "a number". */
  public static String literal(long value) {
    return Long.toString(value);
  }

  /** {@code ('a', 'b')} for an IN list; an empty list is refused because {@code IN ()} is a syntax error. */
  public static String inList(Collection<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an IN list needs at least one value");
    }
    return values.stream().map(ClickHouseSql::literal).collect(Collectors.joining(", ", "(", ")"));
  }

  /** Returns the name unchanged if it is a plain identifier, else throws: names are never escaped, only checked. */
  public static String identifier(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain ClickHouse identifier ([A-Za-z_][A-Za-z0-9_]*, at most 128): "
          + (name == null ? "null" : literal(name)));
    }
    return name;
  }

  /** {@code database.table}, both parts checked. */
  public static String qualified(String database, String table) {
    return identifier(database) + "." + identifier(table);
  }

  /** A table name that may be given as {@code table} or {@code database.table}; each part checked. */
  public static String tableName(String name) {
    int dot = name == null ? -1 : name.indexOf('.');
    return dot < 0 ? identifier(name) : qualified(name.substring(0, dot), name.substring(dot + 1));
  }
}
