package io.latchkey.core.access;

import io.latchkey.core.capability.Action;

/**
 * What a role may do (issue 8 item 2). Every remote task has its own permission so a help desk
 * can lock and reset without being able to wipe; the two Lost Mode actions share one because
 * switching it off is only the undo of switching it on.
 */
public enum Permission {
    REMOTE_LOCK,
    PASSCODE_RESET,
    RETIRE,
    WIPE,
    LOST_MODE,
    SYNC,
    REVEAL_SECRET,
    READ_DEVICES,
    MANAGE_DEVICES,
    MANAGE_USERS,
    MANAGE_GROUPS,
    MANAGE_ENROLLMENT,
    MANAGE_ROLES,
    READ_AUDIT,
    /**
     * Decide (approve or reject) another administrator's request that an approval policy held back
     * (issue 8 item 3); deciding also needs the permission of the action itself.
     */
    APPROVE_ACTIONS;

    /** The permission a remote action needs; a switch so that a new Action fails to compile here. */
    public static Permission forAction(Action action) {
        return switch (action) {
            case REMOTE_LOCK -> REMOTE_LOCK;
            case PASSCODE_RESET -> PASSCODE_RESET;
            case RETIRE -> RETIRE;
            case WIPE -> WIPE;
            case ENABLE_LOST_MODE, DISABLE_LOST_MODE -> LOST_MODE;
            case SYNC -> SYNC;
        };
    }

    /** Whether this permission is one of the remote tasks (the ones an Action maps to). */
    public boolean isRemoteTask() {
        return ordinal() <= SYNC.ordinal();
    }

    /** Parses the stored or typed name; the error lists nothing secret, only the bad word. */
    public static Permission parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("permission is required");
        }
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown permission '" + text.trim() + "'");
        }
    }
}
