package io.latchkey.core.action;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Tells each channel which commands became due, in leased windows of each request, so a push
 * (APNs, WNS) or a cloud hand-over happens once per command even with several nodes; and, on the
 * same beat, expires commands past their time to live and purges expired secrets.
 *
 * <p>A window whose channel throws keeps its lease and is claimed again once the lease runs out,
 * which is also how windows leased by a node that died are picked up; only the commands of that
 * window that are still pending are handed out again (a push twice, never a command twice).
 */
public final class Wakeups implements Runnable {
    /** The most stale commands one sweep wakes again; the next sweep takes the rest. */
    private static final int REPUSH_MAX = 50_000;
    private final CommandQueue queue;
    private final CommandTransitions transitions;
    private final Map<ChannelKind, Channel> channels;
    private final Clock clock;
    private final int batchSize;
    private final Duration lease;
    private final Duration idle;
    private final Consumer<Exception> errors;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition poked = lock.newCondition();
    private boolean pending;
    private volatile boolean stopped;
    private volatile Duration repushAfter;
    private Instant nextRepush = Instant.MIN;

    public Wakeups(CommandQueue queue, CommandTransitions transitions, Map<ChannelKind, Channel> channels, Clock clock,
                   int batchSize, Duration lease, Duration idle, Consumer<Exception> errors) {
        this.queue = queue;
        this.transitions = transitions;
        this.channels = Map.copyOf(channels);
        this.clock = clock;
        this.batchSize = batchSize;
        this.lease = lease;
        this.idle = idle;
        this.errors = errors;
    }

    /**
     * Wakes again, every {@code after}, the devices that were woken but have not answered: a push
     * is best effort (APNs may drop it, the device may have been off), and a device that never
     * comes back on its own would otherwise keep its command until the time to live ends. Each
     * node sweeps; a device may get a push from more than one, which push services coalesce.
     * Null or zero turns it off.
     */
    public Wakeups repushingAfter(Duration after) {
        this.repushAfter = after == null || after.isZero() ? null : after;
        return this;
    }

    /** Wakes the loop now (a request was just stored) instead of at its next idle beat. */
    public void poke() {
        lock.lock();
        try {
            pending = true;
            poked.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void stop() {
        stopped = true;
        poke();
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                int handled = runOnce();
                if (handled == 0) {
                    awaitPoke();
                }
            } catch (RuntimeException e) {
                errors.accept(e);
                try {
                    awaitPoke();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One pass: every due window to its channels, then expiry and secret purge. Returns commands handled. */
    public int runOnce() {
        int handled = 0;
        while (!stopped) {
            Instant now = clock.instant();
            Optional<WakeupBatch> claimed = queue.claimWakeups(batchSize, now, now.plus(lease));
            if (claimed.isEmpty()) {
                break;
            }
            WakeupBatch batch = claimed.get();
            if (!hand(batch.commands())) {
                break; // the lease brings the window back later
            }
            queue.wakeupsDone(batch);
            handled += batch.commands().size();
        }
        Instant now = clock.instant();
        handled += transitions.expire(now, batchSize);
        transitions.purgeSecrets(now);
        repushStale(now);
        return handled;
    }

    /**
     * Pushes these commands' devices again now, whatever their windows say: for devices another
     * node's notification shows were answered "nothing" while a command of theirs was already stored
     * ({@link ClusterChanges}). A push more than needed costs the device one empty check-in.
     */
    public void pushAgain(List<Command> commands) {
        if (!commands.isEmpty()) {
            hand(commands);
        }
    }

    private void repushStale(Instant now) {
        Duration after = repushAfter;
        if (after == null || now.isBefore(nextRepush)) {
            return;
        }
        nextRepush = now.plus(after);
        List<Command> stale = queue.stale(now.minus(after), now, REPUSH_MAX);
        if (!stale.isEmpty()) {
            hand(stale);
        }
    }

    /**
     * Gives each channel its part of the window (or of a re-push sweep), all parts at once, each on
     * a virtual thread of its own: Android's hand-over is a Google API call per command at
     * {@code android.rate}, and APNs/WNS pushes of the same window must not wait behind it (100,000
     * mixed devices measured 531 s for 33,333 APNs pushes paced at 5,000/s when the parts went one
     * after another). The window is done when every part is. Commands of a channel with no adapter
     * in this server stay pending; the device receives them when it next checks in through that channel.
     */
    private boolean hand(List<Command> commands) {
        Map<ChannelKind, List<Command>> byChannel = new EnumMap<>(ChannelKind.class);
        for (Command c : commands) {
            if (c.channel() != null && channels.containsKey(c.channel())) {
                byChannel.computeIfAbsent(c.channel(), k -> new ArrayList<>()).add(c);
            }
        }
        if (byChannel.size() <= 1) {
            return byChannel.entrySet().stream().allMatch(e -> handPart(e.getKey(), e.getValue()));
        }
        List<Thread> parts = new ArrayList<>(byChannel.size());
        AtomicBoolean all = new AtomicBoolean(true);
        byChannel.forEach((kind, part) -> parts.add(Thread.ofVirtual().name("wakeups-" + kind).start(() -> {
            if (!handPart(kind, part)) {
                all.set(false);
            }
        })));
        for (Thread t : parts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false; // the lease brings the window back
            }
        }
        return all.get();
    }

    private boolean handPart(ChannelKind kind, List<Command> part) {
        try {
            channels.get(kind).commandsDue(part);
            return true;
        } catch (RuntimeException failure) {
            errors.accept(failure);
            return false;
        }
    }

    private void awaitPoke() throws InterruptedException {
        lock.lock();
        try {
            if (!pending && !stopped) {
                poked.awaitNanos(idle.toNanos());
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }
}
