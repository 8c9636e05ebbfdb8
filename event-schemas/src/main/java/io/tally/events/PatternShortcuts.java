package io.tally.events;

import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the full validator does with a schema's {@code pattern} (java.util.regex, {@code find}), with plain loops
 * for the patterns every event carries: a matcher per string field was a third of the compiled checks' time. A
 * loop may say no where the regex says yes (the amount pattern's {@code $} also matches before a final newline),
 * never the reverse; a "no" only sends the payload on to the full validator.
 */
final class PatternShortcuts {

  private static final Map<String, Predicate<String>> LOOPS = Map.of(
      "\\S", PatternShortcuts::hasNonSpace,
      "^(0|[1-9][0-9]{0,9})(\\.[0-9]{1,3})?$", PatternShortcuts::isAmount,
      "^[A-Z]{3}$", PatternShortcuts::isCurrencyCode);

  private PatternShortcuts() {}

  static Predicate<String> find(String pattern) {
    Predicate<String> loop = LOOPS.get(pattern);
    if (loop != null) {
      return loop;
    }
    Pattern regex = Pattern.compile(pattern);
    return text -> regex.matcher(text).find();
  }

  /** {@code \S} found: a character outside java.util.regex's {@code \s}, which is {@code [ \t\n\x0B\f\r]}. */
  static boolean hasNonSpace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
        return true;
      }
    }
    return false;
  }

  /** Whole text is 0 or up to ten digits without a leading zero, then optionally '.' and 1-3 digits. */
  static boolean isAmount(String text) {
    int dot = text.indexOf('.');
    int whole = dot < 0 ? text.length() : dot;
    if (whole < 1 || whole > 10 || !digits(text, 0, whole) || whole > 1 && text.charAt(0) == '0') {
      return false;
    }
    int fraction = dot < 0 ? 0 : text.length() - dot - 1;
    return dot < 0 || fraction >= 1 && fraction <= 3 && digits(text, dot + 1, text.length());
  }

  static boolean isCurrencyCode(String text) {
    return text.length() == 3 && upper(text.charAt(0)) && upper(text.charAt(1)) && upper(text.charAt(2));
  }

  private static boolean digits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
