package io.latchkey.core.action;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Storage port: the queue side of commands, read on every check-in, so every query is indexed. */
public interface CommandQueue {

    /** The device's open commands not yet acknowledged (pending or sent), oldest first. */
    List<Command> dueFor(UUID deviceId, int max);

    /**
     * Leases up to {@code max} pending commands of a channel whose wake-up has not been done yet
     * (or whose earlier lease ran out, because the node holding it died), until {@code leaseUntil}.
     * Concurrent callers never get the same command.
     */
    List<Command> claimWakeups(ChannelKind channel, int max, Instant now, Instant leaseUntil);

    /** The wake-up (or cloud hand-over) of these commands is done: they are not claimed again. */
    void wakeupsDone(Collection<UUID> commandIds);
}
