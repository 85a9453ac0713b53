package io.latchkey.core.action;

import io.latchkey.core.inventory.Page;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Storage port: reading commands and their history. */
public interface CommandHistory {

    Optional<Command> find(UUID commandId);

    /** A request's commands in creation order; {@code state} narrows them when not null. */
    Page<Command> ofRequest(UUID requestId, CommandState state, String cursor, int limit);

    /** A device's commands, newest first. */
    Page<Command> ofDevice(UUID deviceId, String cursor, int limit);

    /** Every transition of a command, oldest first. */
    List<CommandEvent> events(UUID commandId);

    /** How many commands are in each state, for one request or (null) for all. */
    Map<CommandState, Long> countByState(UUID requestId);
}
