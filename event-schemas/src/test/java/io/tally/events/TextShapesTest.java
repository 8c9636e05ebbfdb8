package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Hand-written checks of text shapes agree with the regex each one replaced, on every string tried. */
class TextShapesTest {

  private static void assertSameAs(Pattern regex, java.util.function.Predicate<String> loop, String alphabet) {
    Random random = new Random(11);
    int accepted = 0;
    for (int i = 0; i < 300_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(45); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = text.toString();
      boolean expected = regex.matcher(s).matches();
      assertThat(loop.test(s)).as("'%s'", s).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).isGreaterThan(100);
  }

  @Test
  void tenantLoopIsTheTenantPattern() {
    assertSameAs(Limits.TENANT, Limits::isTenant, "abz09-AZ_ .é");
    assertThat(Limits.isTenant("a".repeat(40))).isTrue();
    assertThat(Limits.isTenant("a".repeat(41))).isFalse();
  }

  @Test
  void plainDecimalLoopIsTheDecimalPattern() {
    assertSameAs(Pattern.compile("-?[0-9]+(\\.[0-9]+)?"), JsonFields::isPlainDecimal, "0123456789..--e+ ");
    assertThat(JsonFields.isPlainDecimal("-12.50")).isTrue();
    assertThat(JsonFields.isPlainDecimal("1.")).isFalse();
  }
}
