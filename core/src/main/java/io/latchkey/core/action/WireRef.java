package io.latchkey.core.action;

import java.util.Objects;
import java.util.UUID;

/**
 * Which engine command a number on the wire stands for: OMA-DM numbers the commands of each
 * message (CmdID), and the device's Status and Results point back at those numbers (CmdRef), not
 * at the command (shared/reference/windows-mdm.md §2.2). {@code element} is the SyncML command
 * that carried it (Exec, Get, Sequence…), so the Results of a Get can be told from its Status.
 */
public record WireRef(int cmdId, UUID commandId, String element) {
    public WireRef {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(element, "element");
        if (cmdId < 1) {
            throw new IllegalArgumentException("a CmdID is at least 1");
        }
    }
}
