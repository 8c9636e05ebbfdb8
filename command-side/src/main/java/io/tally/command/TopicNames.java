package io.tally.command;

import io.tally.events.Topics;

/**
 * The log's topic names with an optional prefix. Production uses no prefix; tests give each run its own prefix
 * (tally.topic.prefix) so several command sides share one broker without seeing each other's records. Consumer
 * groups and transactional ids take the same prefix for the same reason.
 */
public record TopicNames(String prefix) {

  public String commands() {
    return prefix + Topics.COMMANDS;
  }

  public String events() {
    return prefix + Topics.EVENTS;
  }

  public String results() {
    return prefix + Topics.COMMAND_RESULTS;
  }

  /** A consumer group or transactional id in this prefix's namespace. */
  public String scoped(String name) {
    return prefix + name;
  }
}
