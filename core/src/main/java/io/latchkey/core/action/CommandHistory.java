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

    /**
     * Each listed device's newest open command (pending, sent or acknowledged), for the devices that
     * have one: the "pending task" column of a device list in one read. This default asks device by
     * device; a store answers with one query.
     */
    default Map<UUID, Command> openOf(java.util.Collection<UUID> deviceIds) {
        Map<UUID, Command> open = new java.util.HashMap<>();
        for (UUID id : deviceIds) {
            ofDevice(id, null, 20).items().stream().filter(c -> !c.state().terminal()).findFirst()
                    .ifPresent(c -> open.put(id, c));
        }
        return open;
    }

    /** Every transition of a command, oldest first. */
    List<CommandEvent> events(UUID commandId);

    /** How many commands are in each state, for one request or (null) for all. */
    Map<CommandState, Long> countByState(UUID requestId);
}
