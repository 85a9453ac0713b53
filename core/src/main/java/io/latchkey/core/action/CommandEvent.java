package io.latchkey.core.action;

import java.time.Instant;
import java.util.UUID;

/** One row of a command's history: every transition is timestamped and attributed. */
public record CommandEvent(UUID commandId, Instant at, CommandState from, CommandState to, String detail,
                           String actor) {
}
