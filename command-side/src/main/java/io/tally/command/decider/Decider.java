package io.tally.command.decider;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.command.CommandSettings;
import io.tally.events.EventIds;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decider loop of this instance, on a dedicated platform thread (the Kafka clients block, and the
 * transaction API needs the plain producer). A loop that fails is replaced by a fresh one (new clients, memory
 * rebuilt from the log) after a pause, so a transient fault does not leave the process answering HTTP with no
 * decider behind it; health shows the failure meanwhile.
 */
public final class Decider implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Decider.class);
  private static final long RESTART_PAUSE_MILLIS = 5000;
  private final Supplier<DeciderLoop> loops;
  private final DeciderMetrics metrics;
  private final Admin admin;
  private final ResultsTopicLookup lookup;
  private final Thread thread;
  private volatile DeciderLoop current;
  private volatile boolean closed;

  private Decider(Supplier<DeciderLoop> loops, DeciderMetrics metrics, Admin admin, ResultsTopicLookup lookup,
                  String name) {
    this.loops = loops;
    this.metrics = metrics;
    this.admin = admin;
    this.lookup = lookup;
    this.thread = new Thread(this::supervise, name);
  }

  /** Starts decider loop number {@code loop} of this instance. */
  public static Decider start(String bootstrap, CommandSettings settings, MeterRegistry registry, int loop) {
    String member = settings.deciderInstanceId() + "-" + loop;
    DeciderClients clients = new DeciderClients(bootstrap, settings, member);
    DeciderMetrics metrics = new DeciderMetrics(registry, Integer.toString(loop));
    Admin admin = Admin.create(clients.admin());
    ResultsTopicLookup lookup = new ResultsTopicLookup(clients.lookupConsumer(), settings.topics().results());
    StateRebuild rebuild = new StateRebuild(clients.rebuildConsumer(), admin, settings.topics());
    Clock clock = Clock.systemUTC();
    EventIds ids = EventIds.system();
    Supplier<DeciderLoop> loops = () -> {
      DeciderMemory memory = new DeciderMemory();
      return new DeciderLoop(clients, settings.topics().commands(), new BatchDecider(memory, lookup, ids, clock),
          new DeciderTransaction(settings.topics(), clock), memory, new DeciderRebalance(memory, rebuild, metrics),
          metrics);
    };
    Decider d = new Decider(loops, metrics, admin, lookup, "decider-" + member);
    d.thread.start();
    LOG.info("decider {} started", member);
    return d;
  }

  private void supervise() {
    while (!closed) {
      try {
        current = loops.get();
        if (closed) {
          current.stop();
        }
        current.run();
      } catch (RuntimeException e) {
        LOG.error("decider loop failed; a new one starts in {} ms", RESTART_PAUSE_MILLIS, e);
        metrics.aborted("loop-restart");
        metrics.ownedPartitions.set(0);
        pause();
      }
    }
  }

  /** "running", "rebuilding", "starting", "stopped" or "failed: ..."; health reports it. */
  public String state() {
    DeciderLoop loop = current;
    if (loop == null) {
      return "starting";
    }
    return loop.state.equals("running") && metrics.rebuilding ? "rebuilding" : loop.state;
  }

  public long ownedPartitions() {
    return metrics.ownedPartitions.get();
  }

  @Override
  public void close() {
    closed = true;
    DeciderLoop loop = current;
    if (loop != null) {
      loop.stop();
    }
    try {
      thread.join(Duration.ofSeconds(15).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lookup.close();
    admin.close(Duration.ofSeconds(2));
  }

  /** Waits before a restart, but not past a close. */
  private void pause() {
    long until = System.currentTimeMillis() + RESTART_PAUSE_MILLIS;
    while (!closed && System.currentTimeMillis() < until) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
