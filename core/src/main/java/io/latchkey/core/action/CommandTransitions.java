package io.latchkey.core.action;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Storage port: state changes, each with its history row, atomically. */
public interface CommandTransitions {

    /** Applies the transition if the command is still in one of its {@code from} states. */
    boolean apply(Transition transition);

    /** Cancels every pending command of a request; returns how many. */
    int cancelPending(UUID requestId, String actor, Instant at);

    /** Expires up to {@code max} open commands whose time to live ended before {@code now}; returns how many. */
    int expire(Instant now, int max);

    /** The sealed secret result of a command, if one is stored and not yet expired at {@code now}. */
    Optional<SealedSecret> secret(UUID commandId, Instant now);

    /** Deletes secrets past their expiry; returns how many. */
    int purgeSecrets(Instant now);
}
