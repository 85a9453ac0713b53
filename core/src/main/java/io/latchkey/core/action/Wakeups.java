package io.latchkey.core.action;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Tells each channel which commands became due, in leased batches, so a push (APNs, WNS) or a
 * cloud hand-over happens once per command even with several nodes; and, on the same beat,
 * expires commands past their time to live and purges expired secrets.
 *
 * <p>A batch whose channel throws keeps its lease and is claimed again once the lease runs out,
 * which is also how commands leased by a node that died are picked up.
 */
public final class Wakeups implements Runnable {
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

    /** One pass: every channel's due batches, then expiry and secret purge. Returns commands handled. */
    public int runOnce() {
        int handled = 0;
        for (Channel channel : channels.values()) {
            handled += drain(channel);
        }
        Instant now = clock.instant();
        handled += transitions.expire(now, batchSize);
        transitions.purgeSecrets(now);
        return handled;
    }

    private int drain(Channel channel) {
        int handled = 0;
        while (!stopped) {
            Instant now = clock.instant();
            List<Command> batch = queue.claimWakeups(channel.kind(), batchSize, now, now.plus(lease));
            if (batch.isEmpty()) {
                return handled;
            }
            try {
                channel.commandsDue(batch);
                queue.wakeupsDone(batch.stream().map(Command::id).toList());
            } catch (RuntimeException e) {
                errors.accept(e);
                return handled; // the lease brings them back later
            }
            handled += batch.size();
        }
        return handled;
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
