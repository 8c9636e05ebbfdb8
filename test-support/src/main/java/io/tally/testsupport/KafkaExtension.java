package io.tally.testsupport;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalKafka;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(KafkaExtension.class)}, then take a {@link TestKafka} parameter. One real Kafka broker
 * (KRaft, its own JVM) per test JVM, started on first use on a free port in a temporary folder and stopped by
 * pid when the JVM's tests end. Tests isolate themselves with their own topics and consumer groups.
 */
public final class KafkaExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestKafka.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return OneServerPerJvm.get(context, "kafka",
        folder -> new TestKafka(LocalKafka.start(folder, FreePorts.next())),
        TestKafka::stop,
        LocalKafka::stopLeftover);
  }
}
