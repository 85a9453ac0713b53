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

    /**
     * Stores a secret the server made for a command before sending it (the Mac's lock PIN), unless
     * one is stored already; returns the stored one, so every delivery of a command carries the
     * same secret however many nodes race to send it.
     */
    SealedSecret keepSecret(UUID commandId, SealedSecret secret);

    /** Deletes secrets past their expiry; returns how many. */
    int purgeSecrets(Instant now);
}
