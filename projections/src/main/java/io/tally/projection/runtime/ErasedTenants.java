package io.tally.projection.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tenants that were erased: their records stay in the log until its retention deletes them, so every path that
 * writes a store from the log (live batches, replays, redrives) drops them here. One volatile read and a hash
 * lookup per event; nothing at all while no tenant was ever erased. Tenants are only ever added.
 *
 * <p>Until the register has been read from the database ({@link #load}), nothing may be written: a batch would
 * otherwise bring an erased tenant back after a restart. The runtime treats that as a store not answering yet.
 */
public final class ErasedTenants {
  private volatile Set<String> tenants = Set.of();
  private volatile boolean loaded;

  /** A register with no tenant in it, already loaded: for runtimes outside the service (tests, tools). */
  public static ErasedTenants none() {
    ErasedTenants none = new ErasedTenants();
    none.loaded = true;
    return none;
  }

  /** Adds what the database holds; a tenant added here meanwhile stays. */
  public synchronized void load(Collection<String> fromDatabase) {
    Set<String> next = new HashSet<>(tenants);
    next.addAll(fromDatabase);
    tenants = Set.copyOf(next);
    loaded = true;
  }

  /** From now on this process drops the tenant's records; the erasure records it durably itself. */
  public synchronized void add(String tenant) {
    load(List.of(tenant));
  }

  public boolean contains(String tenant) {
    return tenants.contains(tenant);
  }

  public boolean loaded() {
    return loaded;
  }

  /** The batch without erased tenants' events; its offsets still move past them. */
  public SinkBatch without(SinkBatch batch) {
    Set<String> erased = tenants;
    if (erased.isEmpty()) {
      return batch;
    }
    List<ProjectedEvent> kept = without(batch.events());
    return kept.size() == batch.events().size() ? batch : new SinkBatch(kept, batch.nextOffsets());
  }

  public List<ProjectedEvent> without(List<ProjectedEvent> events) {
    Set<String> erased = tenants;
    if (erased.isEmpty()) {
      return events;
    }
    List<ProjectedEvent> kept = new ArrayList<>(events.size());
    for (ProjectedEvent e : events) {
      if (!erased.contains(e.tenant())) {
        kept.add(e);
      }
    }
    return kept;
  }

  /** Thrown instead of writing while the register is not read yet; the runtime retries with backoff. */
  static final class NotLoadedException extends IllegalStateException {
    NotLoadedException() {
      super("the register of erased tenants (deleted_tenants) is not read yet");
    }
  }
}
