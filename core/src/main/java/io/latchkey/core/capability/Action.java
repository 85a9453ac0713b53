package io.latchkey.core.capability;

/** The remote tasks an administrator can ask for, with Graph's action names. */
public enum Action {
    REMOTE_LOCK("remoteLock", "Remote Lock"),
    PASSCODE_RESET("resetPasscode", "Passcode Reset"),
    RETIRE("retire", "Retire"),
    WIPE("wipe", "Wipe"),
    /** Beyond the source document: Apple's Lost Mode (issue 3), Graph's enableLostMode. */
    ENABLE_LOST_MODE("enableLostMode", "Lost Mode on"),
    DISABLE_LOST_MODE("disableLostMode", "Lost Mode off"),
    /** Beyond the source document: ask the device for a fresh inventory now (Graph's syncDevice). */
    SYNC("syncDevice", "Sync");

    private final String wireName;
    private final String displayName;

    Action(String wireName, String displayName) {
        this.wireName = wireName;
        this.displayName = displayName;
    }

    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    /** The four remote tasks of the source document's matrix (product spec §2); the rest are extras. */
    public boolean inSourceMatrix() {
        return ordinal() <= WIPE.ordinal();
    }

    public static Action parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("action is required");
        }
        for (Action a : values()) {
            if (a.wireName.equalsIgnoreCase(text.trim()) || a.name().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action '" + text.trim()
                + "' (expected remoteLock, resetPasscode, retire, wipe, enableLostMode, disableLostMode or syncDevice)");
    }
}
