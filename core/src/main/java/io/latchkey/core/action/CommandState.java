package io.latchkey.core.action;

import java.util.EnumSet;
import java.util.Set;

/**
 * The per-device state machine of product spec section 3:
 * {@code pending → sent → acknowledged → succeeded | failed}, with {@code notSupported} decided
 * before anything is sent, {@code expired} when the device never came back within the action's
 * time to live, and {@code canceled} by an administrator before the command was sent.
 */
public enum CommandState {
    PENDING("pending"),
    SENT("sent"),
    ACKNOWLEDGED("acknowledged"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    NOT_SUPPORTED("notSupported"),
    EXPIRED("expired"),
    CANCELED("canceled");

    private final String wireName;

    CommandState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The states that may still change. */
    public static final Set<CommandState> OPEN = EnumSet.of(PENDING, SENT, ACKNOWLEDGED);

    public boolean terminal() {
        return !OPEN.contains(this);
    }

    /** The states a command may move to from this one; terminal states go nowhere. */
    public Set<CommandState> next() {
        return switch (this) {
            // A channel that cannot hand the command over (its cloud refuses it) fails it from pending.
            case PENDING -> EnumSet.of(SENT, FAILED, EXPIRED, CANCELED);
            // A device may answer the final result without a separate acknowledgement (Apple's
            // Acknowledged status is the result); sent → sent is a redelivery and not a transition.
            case SENT -> EnumSet.of(ACKNOWLEDGED, SUCCEEDED, FAILED, EXPIRED);
            case ACKNOWLEDGED -> EnumSet.of(SUCCEEDED, FAILED, EXPIRED);
            case SUCCEEDED, FAILED, NOT_SUPPORTED, EXPIRED, CANCELED -> EnumSet.noneOf(CommandState.class);
        };
    }

    public boolean canMoveTo(CommandState target) {
        return next().contains(target);
    }

    /** The states from which {@code target} can be reached in one step. */
    public static Set<CommandState> sourcesOf(CommandState target) {
        Set<CommandState> sources = EnumSet.noneOf(CommandState.class);
        for (CommandState s : values()) {
            if (s.canMoveTo(target)) {
                sources.add(s);
            }
        }
        return sources;
    }

    public static CommandState parse(String text) {
        for (CommandState s : values()) {
            if (s.wireName.equalsIgnoreCase(text) || s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown command state '" + text + "'");
    }
}
