package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each loop against the regex it stands for: never yes where the regex says no. */
class PatternShortcutsTest {

  private static final String AMOUNT = "^(0|[1-9][0-9]{0,9})(\\.[0-9]{1,3})?$";

  private static List<String> corpus() {
    Random random = new Random(7);
    String alphabet = "0123456789..ABCZaz \t\n\r\f\u000B\u00a0\u2028-+eE";
    List<String> texts = new java.util.ArrayList<>(List.of("", "0", "00", "01", "0.5", "12.50", "1234567890",
        "12345678901", "1.2345", "1.", ".5", "12.5\n", "EUR", "EUR\n", "EURO", "eur", " ", "\t\n", "\u00a0", "x"));
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(14); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(text.toString());
    }
    return texts;
  }

  private static void assertNeverYesWhereRegexSaysNo(String pattern, boolean exact) {
    Pattern regex = Pattern.compile(pattern);
    Predicate<String> loop = PatternShortcuts.find(pattern);
    int yes = 0;
    for (String text : corpus()) {
      boolean expected = regex.matcher(text).find();
      boolean actual = loop.test(text);
      assertThat(!actual || expected).as("%s on '%s'", pattern, text).isTrue();
      if (exact) {
        assertThat(actual).as("%s on '%s'", pattern, text).isEqualTo(expected);
      }
      yes += actual ? 1 : 0;
    }
    assertThat(yes).as("the loop for %s accepts something", pattern).isGreaterThan(10);
  }

  @Test
  void nonSpaceIsExactlyTheRegex() {
    assertNeverYesWhereRegexSaysNo("\\S", true);
  }

  @Test
  void amountAndCurrencyAcceptOnlyWhatTheRegexAccepts() {
    assertNeverYesWhereRegexSaysNo(AMOUNT, false);
    assertNeverYesWhereRegexSaysNo("^[A-Z]{3}$", false);
    assertThat(PatternShortcuts.find(AMOUNT).test("12.50")).isTrue();
    assertThat(PatternShortcuts.find(AMOUNT).test("1234567890.123")).isTrue();
    assertThat(PatternShortcuts.find("^[A-Z]{3}$").test("EUR")).isTrue();
  }

  @Test
  void otherPatternsUseTheRegex() {
    assertThat(PatternShortcuts.find("b+").test("abbc")).isTrue();
    assertThat(PatternShortcuts.find("^b+$").test("abbc")).isFalse();
  }
}
