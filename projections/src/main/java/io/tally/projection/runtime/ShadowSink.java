package io.tally.projection.runtime;

import io.vertx.core.Future;

/**
 * A sink writing into shadow tables while the live ones keep serving reads. A replay creates it, applies the log
 * to it from offset 0, and swaps it in once it has reached exactly the live view's offsets.
 */
public interface ShadowSink extends ProjectionSink {

  /** Drops whatever a replay that died left behind and creates empty shadow tables. */
  Future<Void> create();

  /**
   * Makes the shadow the live view in one atomic step. The caller guarantees that the live projection is paused
   * and that the shadow has applied exactly up to the live offsets, so the live offsets stay valid.
   */
  Future<Void> swap();

  /** Drops the shadow tables (after a failed or cancelled replay). */
  Future<Void> discard();
}
