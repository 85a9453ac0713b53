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
 * and, when the news comes from another node, pushes again every device it answered from memory
 * after that node's commit that has a command open now. Such a device checked in here after the
 * commit and before the notification arrived (a notification is sent at commit and read by a
 * listener a moment later; PostgreSQL documentation, NOTIFY) and was told "nothing": without the
 * second push it would wait for the re-push sweep (repush.after). An answer from before the commit
 * was right, and its device gets the commit's own push: it is not pushed again, so each command is
 * still pushed once.
 *
 * <p>"After the commit" is judged by the announcing node's clock (the notification carries it) less
 * {@code skew}, the clock difference between nodes this tolerates (NTP keeps it to milliseconds); when
 * the time is unknown (the listener reconnected after missing notifications) every answer of the last
 * {@code gap} counts.
 */
public final class ClusterChanges {
    private final CheckInCache cache;
    private final CommandHistory history;
    private final Consumer<List<Command>> pushAgain;
    private final Runnable poke;
    private final Duration skew;
    private final Duration gap;
    private final Clock clock;

    /**
     * @param skew how far another node's clock may be from this one's
     * @param gap  how long a notification may take to reach this node, for news whose time is unknown
     */
    public ClusterChanges(CheckInCache cache, CommandHistory history, Consumer<List<Command>> pushAgain, Runnable poke,
                          Duration skew, Duration gap, Clock clock) {
        this.cache = cache;
        this.history = history;
        this.pushAgain = pushAgain;
        this.poke = poke;
        this.skew = skew;
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
     * Notifications: {@code elsewhere} when any came from another node, announced at
     * {@code announcedAt} on its clock (null: unknown). Returns how many devices were pushed again.
     */
    public int heard(boolean elsewhere, Instant announcedAt) {
        Instant heardAt = clock.instant();
        cache.forgetAll();
        poke.run();
        if (!elsewhere) {
            return 0;
        }
        Instant earliest = heardAt.minus(gap);
        Instant since = announcedAt == null ? earliest : latest(earliest, earliest(announcedAt.minus(skew), heardAt));
        // Read after forgetting: an answer from memory given from now on was kept after the commit.
        Set<UUID> answered = cache.answeredSince(since);
        if (answered.isEmpty()) {
            return 0;
        }
        List<Command> open = history.openOf(answered).values().stream()
                .filter(c -> c.state() == CommandState.PENDING || c.state() == CommandState.SENT)
                .toList();
        if (!open.isEmpty()) {
            pushAgain.accept(open);
        }
        return open.size();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
