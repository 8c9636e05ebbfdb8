package io.tally.command.decider;

import io.tally.command.wire.Outcome;

/** Reads the first outcome of a command back from where the index says it is. */
interface FirstOutcomeLookup {

  /** The outcome at that offset of the results partition, or null when retention has removed it. */
  Outcome find(int partition, long offset);
}
