package io.latchkey.core.action;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage port: the queue side of commands. {@link #dueFor} runs on every check-in, so it is an
 * index seek. Wake-ups follow each request's commands in order behind a per-request cursor, so
 * handing out a request costs one small range read and one row update per window, not a write
 * per command.
 */
public interface CommandQueue {

    /** The device's open commands not yet acknowledged (pending or sent), oldest first. */
    List<Command> dueFor(UUID deviceId, int max);

    /**
     * The device put off a sent command (Apple's NotNow): it stays sent, with {@code detail} saying
     * so, until the device answers it. False when the command is no longer sent.
     */
    boolean deferred(UUID commandId, String detail, Instant at);

    /**
     * Open commands (pending or sent) of requests still within their time to live whose last change
     * is older than {@code before}: devices that were woken but have not answered. Oldest change
     * first, at most {@code max}.
     */
    List<Command> stale(Instant before, Instant now, int max);

    /**
     * Leases the next window of up to {@code max} positions of the oldest request whose wake-ups
     * are not all done and not leased by another caller (or whose lease ended before {@code now},
     * because the node holding it died), until {@code leaseUntil}. The batch lists the window's
     * commands that are still pending (none, when the window holds only refused or already handled
     * commands: it must still be marked done). Concurrent callers, in this process or on other
     * nodes, never hold the same request at once. Empty when nothing is due.
     */
    Optional<WakeupBatch> claimWakeups(int max, Instant now, Instant leaseUntil);

    /**
     * The batch's wake-ups are done: the request's cursor moves to {@code toSeq} and its lease
     * ends. Does nothing if the cursor is no longer at {@code fromSeq} (another caller took the
     * window over after this lease ran out), so a window is never skipped.
     */
    void wakeupsDone(WakeupBatch batch);
}
