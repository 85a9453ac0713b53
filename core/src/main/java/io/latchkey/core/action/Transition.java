package io.latchkey.core.action;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One state change of one command, applied by the store as a compare-and-set: it happens only if
 * the command is still in one of {@code from}, together with its history row and (for a secret
 * result) the sealed secret, and (for a numbered hand-out) the command's wire numbers, in one
 * transaction.
 */
public record Transition(UUID commandId, Set<CommandState> from, CommandState to, String detail, String actor,
                         Instant at, SealedSecret secret, WireNumbers wire) {

    public Transition(UUID commandId, Set<CommandState> from, CommandState to, String detail, String actor,
                      Instant at, SealedSecret secret) {
        this(commandId, from, to, detail, actor, at, secret, null);
    }

    public Transition {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        from = Set.copyOf(from);
        for (CommandState s : from) {
            if (!s.canMoveTo(to)) {
                throw new IllegalStateException("illegal transition " + s.wireName() + " → " + to.wireName());
            }
        }
    }
}
