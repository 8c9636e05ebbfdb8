package io.tally.query.support;

import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(FullStackExtension.class)}, then take a {@link FullStack} parameter: one whole platform per
 * test JVM (it takes ~30 s to start), shared by the test classes that need it and closed when they are done.
 */
public final class FullStackExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FullStack.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FullStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stack", key -> {
      TestKafka kafka = (TestKafka) new KafkaExtension().resolveParameter(parameter, context);
      TestPostgres pg = (TestPostgres) new PostgresExtension().resolveParameter(parameter, context);
      TestClickHouse ch = (TestClickHouse) new ClickHouseExtension().resolveParameter(parameter, context);
      return new Closing(FullStack.start(kafka, pg, ch, Map.of()));
    }, Closing.class).stack;
  }

  /** JUnit closes what the root store holds when the JVM's tests end. */
  private record Closing(FullStack stack) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      stack.close();
    }
  }
}
