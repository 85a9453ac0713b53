package io.latchkey.core.admin;

import java.time.Instant;
import java.util.Optional;

/**
 * Storage port: failed sign-ins and lockouts per subject ("account:NAME", "address:IP"). In the
 * database rather than in memory so that every node behind a load balancer sees the same count.
 */
public interface SignInAttempts {

    /**
     * Records one failure and forgets the subject's failures before {@code since}; returns how many
     * remain since then, this one included.
     */
    int recordFailure(String subject, Instant at, Instant since);

    /** Locks the subject until then and forgets its failures (a later lockout counts afresh). */
    void lock(String subject, Instant until);

    /** The end of the subject's lockout, if one was ever set (it may lie in the past). */
    Optional<Instant> lockedUntil(String subject);

    /** Forgets the subject's failures and lockout. */
    void clear(String subject);
}
