package io.tally.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rule codes are API; the README is where clients read them, so it must list every one. */
class ReadmeRulesTest {

  @Test
  void readmeListsEveryRuleCode() throws IOException {
    String readme = Files.readString(Path.of("README.md")); // surefire runs in the module directory

    assertThat(Arrays.stream(Rule.values()).map(Rule::code)).allMatch(code -> readme.contains("`" + code + "`"));
  }

  @Test
  void ruleCodesAreUniqueAndDotted() {
    Set<String> codes = Arrays.stream(Rule.values()).map(Rule::code).collect(Collectors.toSet());

    assertThat(codes).hasSize(Rule.values().length);
    assertThat(codes).allMatch(code -> code.matches("[a-z0-9-]+\\.[a-z0-9-]+"));
  }
}
