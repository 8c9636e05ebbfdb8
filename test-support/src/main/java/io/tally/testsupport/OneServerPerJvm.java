package io.tally.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server per test JVM: started on first use in a fresh temporary folder, kept in the root store so
 * JUnit closes it (and deletes the folder) when the JVM's tests end. A failed start is remembered, so every
 * test that needs the server fails with the same reason instead of retrying a slow start each time.
 */
final class OneServerPerJvm<S> implements ExtensionContext.Store.CloseableResource {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OneServerPerJvm.class);
  private static final String OWNER_FILE = "owner.pid";

  private final String name;
  private final Function<Path, S> start;
  private final Consumer<S> stop;
  private Path folder;
  private S server;
  private RuntimeException failure;

  private OneServerPerJvm(String name, Function<Path, S> start, Consumer<S> stop) {
    this.name = name;
    this.start = start;
    this.stop = stop;
  }

  /**
   * The server called name for this JVM, started now if it is not running yet. stopLeftover is applied to
   * folders of earlier test JVMs that died without cleaning up (kill -9), then those folders are deleted.
   */
  @SuppressWarnings("unchecked")
  static <S> S get(ExtensionContext context, String name, Function<Path, S> start, Consumer<S> stop,
                   Consumer<Path> stopLeftover) {
    OneServerPerJvm<S> holder = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(name,
        key -> new OneServerPerJvm<>(name, start, stop), OneServerPerJvm.class);
    return holder.get(stopLeftover);
  }

  private synchronized S get(Consumer<Path> stopLeftover) {
    if (server == null && failure == null) {
      try {
        sweepOrphans(name, stopLeftover);
        folder = Files.createTempDirectory("tally-" + name + "-");
        Files.writeString(folder.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        server = start.apply(folder);
      } catch (IOException e) {
        failure = new UncheckedIOException(e);
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new IllegalStateException(name + " could not start for this test JVM: " + failure.getMessage(), failure);
    }
    return server;
  }

  @Override
  public synchronized void close() {
    try {
      if (server != null) {
        stop.accept(server);
      }
    } finally {
      if (folder != null) {
        deleteRecursively(folder);
      }
    }
  }

  /** Folders of this kind whose owning JVM is gone: stop what still runs there, then reclaim the disk. */
  static void sweepOrphans(String name, Consumer<Path> stopLeftover) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> folders = Files.list(tmp)) {
      folders.filter(f -> f.getFileName().toString().startsWith("tally-" + name + "-"))
          .filter(f -> ownerIsGone(f.resolve(OWNER_FILE)))
          .forEach(f -> {
            stopLeftover.accept(f);
            deleteRecursively(f);
          });
    }
  }

  private static boolean ownerIsGone(Path ownerFile) {
    try {
      long pid = Long.parseLong(Files.readString(ownerFile).strip());
      Optional<ProcessHandle> owner = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      // A recycled pid that is not a JVM is not our owner either.
      return owner.isEmpty() || !owner.get().info().command().orElse("java").contains("java");
    } catch (IOException | NumberFormatException e) {
      return false; // no owner file yet: a JVM is creating it right now, or it is not ours to judge
    }
  }

  static void deleteRecursively(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover temp folder costs disk, not correctness.
    }
  }
}
