package io.tally.testsupport;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalS3;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(S3Extension.class)}, then take a {@link TestS3} parameter. One s3proxy (its own JVM, files
 * in a temporary folder) per test JVM, started on first use on a free port and stopped by pid when the JVM's
 * tests end. Tests isolate themselves with their own buckets.
 */
public final class S3Extension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestS3.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return OneServerPerJvm.get(context, "s3",
        folder -> new TestS3(LocalS3.start(folder, FreePorts.next())),
        test -> test.server().close(),
        LocalS3::stopLeftover);
  }
}
