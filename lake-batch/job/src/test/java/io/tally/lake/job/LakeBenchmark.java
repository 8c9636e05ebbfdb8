package io.tally.lake.job;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.events.RecordKeys;
import io.tally.platform.FreePorts;
import io.tally.platform.LocalKafka;
import io.tally.platform.LocalPostgres;
import io.tally.platform.LocalS3;
import io.tally.platform.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * `make bench-lake`: N events (default 1M, 20 tenants, 7 days) written to a real broker in transactions, then the
 * lake job run as its own JVM from the packaged classpath, as `make lake` runs it, timed from process start to
 * exit: the first compaction, a second one with nothing new, maintenance. Prints a Markdown table. With a third
 * argument {@code spark-submit}, the first compaction runs the shaded jar (-Pspark-submit) through Spark's own
 * SparkSubmit on Spark's classpath alone, as a cluster would run it; with {@code --archive-classes=FILE}, one
 * compaction writes the class archive the Makefile's LAKE_JVM uses.
 */
public final class LakeBenchmark {
  /** The Makefile's LAKE_JVM, for a run outside make. */
  private static final String DEFAULT_JVM = "-Xmx3g -XX:+UseParallelGC -XX:-DontCompileHugeMethods";
  /** Third argument: write the class archive there after a compaction, nothing else (see archive). */
  private static final String ARCHIVE = "--archive-classes=";

  private LakeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int target = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path jobDir = Path.of(args.length > 1 ? args[1] : "lake-batch/job").toAbsolutePath();
    Path dir = Files.createTempDirectory("tally-lake-bench-");
    try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), FreePorts.next());
         LocalPostgres pg = LocalPostgres.start(dir.resolve("postgres"), FreePorts.next());
         LocalS3 s3 = LocalS3.start(dir.resolve("s3"), FreePorts.next())) {
      kafka.createTopics(Map.of("orders.events", 6));
      pg.createDatabase("tally");
      s3.createBucket("tally-lake");
      long t0 = System.nanoTime();
      long written = produce(kafka.bootstrapServers(), target);
      double produceSeconds = (System.nanoTime() - t0) / 1e9;
      // The Makefile's LAKE_JVM, so the benchmark runs the job with exactly the flags `make lake` uses.
      List<String> jvm = new ArrayList<>(List.of(System.getenv().getOrDefault("LAKE_JVM", DEFAULT_JVM).trim()
          .split("\\s+")));
      jvm.addAll(List.of("@" + jobDir.resolve("spark-jvm.options"),
          "-Dtally.kafka.bootstrap=" + kafka.bootstrapServers(),
          "-Dtally.pg.port=" + pg.port(),
          "-Dtally.s3.endpoint=" + s3.endpoint()));
      String classpath = jobDir.resolve("target/lake-batch.jar") + java.io.File.pathSeparator
          + Files.readString(jobDir.resolve("target/job.classpath")).trim() + java.io.File.pathSeparator
          + Files.readString(jobDir.resolve("target/spark.classpath")).trim();
      if (args.length > 2 && args[2].startsWith(ARCHIVE)) {
        archive(dir, classpath, jvm, Path.of(args[2].substring(ARCHIVE.length())));
        return;
      }
      boolean submit = args.length > 2 && args[2].equals("spark-submit");
      Duration compact = submit
          ? submit(dir, jobDir, jvm)
          : run(dir, classpath, jvm, LakeBatch.class.getName(), List.of("compact"), "first");
      Duration again = run(dir, classpath, jvm, LakeBatch.class.getName(), List.of("compact"), "again");
      Duration maintain = run(dir, classpath, jvm, LakeBatch.class.getName(), List.of("maintain"), "maintain");
      System.out.println();
      System.out.printf("| events | produce | compact (wall, incl. JVM start) | rows/s | second run | maintain |%n");
      System.out.printf("|---|---|---|---|---|---|%n");
      System.out.printf("| %,d | %.1f s | %.1f s | %,.0f | %.1f s | %.1f s |%n", written, produceSeconds,
          compact.toMillis() / 1000.0, written / (compact.toMillis() / 1000.0), again.toMillis() / 1000.0,
          maintain.toMillis() / 1000.0);
    } finally {
      deleteRecursively(dir);
    }
  }

  /**
   * The Makefile's class-data-sharing archive: the classes one compaction loads (Spark, Iceberg, the AWS SDK, the
   * job), written when its JVM exits. Made after each build of the job's jar, since the JVM ignores an archive whose
   * jars changed; a run that uses it starts ~3 s sooner.
   */
  private static void archive(Path dir, String classpath, List<String> jvm, Path archive) {
    List<String> dump = new ArrayList<>(jvm.stream().filter(o -> !o.startsWith("-XX:SharedArchiveFile=")).toList());
    dump.add("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath());
    run(dir, classpath, dump, LakeBatch.class.getName(), List.of("compact"), "archive");
  }

  private static Duration submit(Path dir, Path jobDir, List<String> jvm) throws java.io.IOException {
    Path jar = jobDir.resolve("target/lake-batch-spark.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with mvn -Pspark-submit -pl lake-batch/job -am package");
    }
    return run(dir, Files.readString(jobDir.resolve("target/spark.classpath")).trim(), jvm,
        "org.apache.spark.deploy.SparkSubmit",
        List.of("--master", "local[*]", "--class", LakeBatch.class.getName(), jar.toString(), "compact"), "first");
  }

  private static Duration run(Path dir, String classpath, List<String> jvm, String main, List<String> args,
                              String name) {
    Path log = dir.resolve(name + ".log");
    long t0 = System.nanoTime();
    ServerProcess.runToCompletion(name, ServerProcess.javaCommand(classpath, jvm, main, args), dir, log,
        Duration.ofMinutes(20));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    try {
      Files.readAllLines(log).stream().filter(l -> l.startsWith("lake-batch")).forEach(System.out::println);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    System.out.printf("%s: %.1f s wall%n", name, took.toMillis() / 1000.0);
    return took;
  }

  /** Orders of 20 tenants over 7 days in chunks, in transactions of up to 50,000 events; returns events written. */
  private static long produce(String bootstrap, int target) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lake-bench");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    long written = 0;
    int chunk = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      producer.beginTransaction();
      long inTransaction = 0;
      while (written < target) {
        String tenant = "tenant-" + (chunk % 20);
        LocalDate day = LocalDate.of(2026, 11, 1).plusDays(chunk % 7);
        for (EventEnvelope e : OrderLog.orders(tenant, "c" + chunk, 500, day, chunk % 5 == 0 ? "USD" : "EUR")) {
          if (written == target) {
            break;
          }
          ProducerRecord<String, byte[]> r = new ProducerRecord<>("orders.events",
              RecordKeys.of(e.tenant(), e.aggregateId()), EnvelopeCodec.toBytes(e));
          EventHeaders.of(e).forEach((k, v) -> r.headers().add(k, v));
          producer.send(r);
          written++;
          if (++inTransaction == 50_000) {
            producer.commitTransaction();
            producer.beginTransaction();
            inTransaction = 0;
          }
        }
        chunk++;
      }
      producer.commitTransaction();
    }
    return written;
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
