package io.tally.command.it;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalKafka;
import io.tally.platform.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A broker and a Postgres for trying the command side by hand (profiling, benchmarks against a jar): prints
 * their addresses as TALLY_* lines and keeps them up until killed. {@code java -cp <test classpath>
 * io.tally.command.it.DevServers DIR}.
 */
public final class DevServers {
  private DevServers() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/dev-servers").toAbsolutePath();
    Files.createDirectories(dir);
    LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), FreePorts.next());
    LocalPostgres pg = LocalPostgres.start(dir.resolve("postgres"), FreePorts.next());
    pg.createDatabase("tally");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      pg.close();
      kafka.close();
    }));
    System.out.println("TALLY_KAFKA_BOOTSTRAP=" + kafka.bootstrapServers());
    System.out.println("TALLY_PG_PORT=" + pg.port());
    System.out.println("TALLY_PG_USER=" + pg.user());
    System.out.println("TALLY_PG_PASSWORD=" + pg.password());
    System.out.println("KAFKA_PID=" + kafka.pid());
    System.out.println("READY");
    Thread.sleep(Long.MAX_VALUE);
  }
}
