package io.tally.lake;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.iceberg.Table;

/**
 * How maintenance and tenant erasure delete files: one DeleteObject per file, a few in parallel. Iceberg's
 * default is S3's bulk DeleteObjects, which the AWS SDK (2.30+) signs with a CRC32 checksum header that s3proxy
 * does not implement (501) and that Iceberg only logs as a warning: the files would silently stay on S3. Single
 * deletes work on every S3 server, and a failure fails the run instead of leaving a tenant's file behind.
 */
public final class FileDeletes {
  private FileDeletes() {}

  public static Consumer<String> oneByOne(Table table) {
    return path -> table.io().deleteFile(path);
  }

  public static ExecutorService pool() {
    return Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "lake-file-delete");
      t.setDaemon(true);
      return t;
    });
  }
}
