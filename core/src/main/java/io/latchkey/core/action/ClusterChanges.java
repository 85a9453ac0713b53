package io.latchkey.core.action;

import io.latchkey.core.enrollment.CheckInCache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a node does when it hears that some node (itself included) stored work or revoked an
 * identity: it forgets the Idle answers it keeps ({@link CheckInCache}), wakes its own push loop,
 * and, when the news may come from another node, pushes again every device it answered from memory
 * in the last {@code gap} that has a command open now. Those devices may have checked in here after
 * the other node's commit and before its notification arrived (a notification is sent at commit and
 * read by a listener a moment later; PostgreSQL documentation, NOTIFY), and been told "nothing":
 * without the second push such a device would wait for the re-push sweep (repush.after).
 */
public final class ClusterChanges {
    private final CheckInCache cache;
    private final CommandHistory history;
    private final Consumer<List<Command>> pushAgain;
    private final Runnable poke;
    private final Duration gap;
    private final Clock clock;

    /**
     * @param gap how long a notification may take to reach this node; answers from memory older than
     *            that were given before the commit it announces
     */
    public ClusterChanges(CheckInCache cache, CommandHistory history, Consumer<List<Command>> pushAgain, Runnable poke,
                          Duration gap, Clock clock) {
        this.cache = cache;
        this.history = history;
        this.pushAgain = pushAgain;
        this.poke = poke;
        this.gap = gap;
        this.clock = clock;
    }

    /**
     * Work stored on this node, after its commit and before its push: an answer given here before
     * this point is one the push corrects (the device checks in again and is read afresh).
     */
    public void storedHere() {
        cache.forgetAll();
        poke.run();
    }

    /**
     * A notification: from another node, or of unknown origin (the listener reconnected and may have
     * missed some), when {@code maybeElsewhere}.
     */
    public void heard(boolean maybeElsewhere) {
        Instant heardAt = clock.instant();
        cache.forgetAll();
        poke.run();
        if (!maybeElsewhere) {
            return;
        }
        // Read after forgetting: an answer from memory given from now on was kept after the commit.
        Set<UUID> answered = cache.answeredSince(heardAt.minus(gap));
        if (answered.isEmpty()) {
            return;
        }
        List<Command> open = history.openOf(answered).values().stream()
                .filter(c -> c.state() == CommandState.PENDING || c.state() == CommandState.SENT)
                .toList();
        if (!open.isEmpty()) {
            pushAgain.accept(open);
        }
    }
}
