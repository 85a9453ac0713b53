package io.latchkey.core.action;

import java.util.UUID;

/** A secret result opened for an administrator. {@link #toString()} never prints the value. */
public record RevealedSecret(UUID commandId, String kind, String value) {
    @Override
    public String toString() {
        return "RevealedSecret[commandId=" + commandId + ", kind=" + kind + ", value=****]";
    }
}
