package io.latchkey.core.enrollment;

import io.latchkey.core.action.ChannelKind;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage port: one-time enrollment codes, looked up by the hash of the code. {@link #redeem} is
 * the one that matters: however many requests race with the same code, exactly one gets the user.
 */
public interface EnrollmentCodes {

    /** Stores a newly issued code; its hash is unique. */
    void save(EnrollmentCode code);

    /** The code with this hash for this channel, used or not, expired or not. */
    Optional<EnrollmentCode> find(String codeHash, ChannelKind channel);

    /**
     * Marks the code used at {@code now} and returns its user, atomically and at most once: empty
     * when there is no such code for this channel, or it was already used, or it expired at or
     * before {@code now}.
     */
    Optional<UUID> redeem(String codeHash, ChannelKind channel, Instant now);

    /** Deletes every code that expired at or before {@code now}, used or not; returns how many. */
    int purgeExpired(Instant now);
}
