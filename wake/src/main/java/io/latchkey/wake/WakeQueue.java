package io.latchkey.wake;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The coalescing queue behind {@link WakeSender}: at most one waiting push per device, holding
 * the newest target. Push services keep only the last push for an offline device (APNs: Apple,
 * sending-mdm-commands doc, shared/reference/apple-mdm.md §3; WNS raw pushes carry nothing), so a
 * second queued push could never wake a device more than the first.
 *
 * <p>A device is in one of these states: absent; <em>ready</em> (due now, in FIFO order);
 * <em>scheduled</em> (a retry due later); <em>in flight</em> (taken, awaiting the push service), optionally with
 * a <em>follow-up</em> (a wake that arrived during the flight, released when the flight ends).
 * Retry time is {@code System.nanoTime}-based; the caller decides ages on its wall clock.
 */
final class WakeQueue<T extends WakeTarget> {

    /**
     * One device's next push.
     *
     * @param firstAttempt when the wake this continues was first tried; null before its first attempt
     * @param failures     consecutive passing failures for this device, which set the next backoff
     */
    record Attempt<T>(T target, Instant firstAttempt, int failures) {
    }

    private final class Slot {
        Attempt<T> attempt;
        boolean scheduled;
        long dueNanos;

        Slot(Attempt<T> attempt) {
            this.attempt = attempt;
        }
    }

    private record Due(long dueNanos, UUID deviceId) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<UUID, Slot> slots = new HashMap<>();
    private final ArrayDeque<UUID> ready = new ArrayDeque<>();
    // nanoTime values are compared by difference, as System.nanoTime's contract asks.
    private final PriorityQueue<Due> later = new PriorityQueue<>((a, b) -> Long.signum(a.dueNanos - b.dueNanos));
    private final Set<UUID> inFlight = new HashSet<>();
    private final LongSupplier nanoTime;

    WakeQueue(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Queues a wake, or folds it into the device's waiting one. Never blocks on anything but the lock. */
    void offer(T target) {
        UUID id = target.deviceId();
        lock.lock();
        try {
            Slot slot = slots.get(id);
            if (slot == null) {
                slots.put(id, new Slot(new Attempt<>(target, null, 0)));
                if (!inFlight.contains(id)) {
                    ready.add(id);
                    changed.signalAll();
                }
            } else {
                // The newest target wins (its token or PushMagic may be new). A pending retry keeps its
                // time and backoff, because a 429 is about this device, but its age restarts:
                // this is a new reason to wake the device.
                slot.attempt = new Attempt<>(target, null, slot.attempt.failures());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a device is due and returns its push; the device is in flight until it is answered. */
    Attempt<T> take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                Attempt<T> attempt = poll();
                if (attempt != null) {
                    return attempt;
                }
                Due next = later.peek();
                if (next == null) {
                    changed.await();
                } else {
                    changed.awaitNanos(next.dueNanos - nanoTime.getAsLong());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #take()} but returns null at once when no device is due. */
    Attempt<T> poll() {
        lock.lock();
        try {
            promoteDue();
            UUID id = ready.poll();
            if (id == null) {
                return null;
            }
            inFlight.add(id);
            return slots.remove(id).attempt;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The device's push is answered for good. A follow-up wake waiting for it becomes ready, unless
     * it is for {@code invalidToken} (non-null when the push service just said that token is dead).
     */
    void finish(UUID id, String invalidToken) {
        lock.lock();
        try {
            inFlight.remove(id);
            Slot followUp = slots.get(id);
            if (followUp == null) {
                return;
            }
            if (invalidToken != null && followUp.attempt.target().token().equals(invalidToken)) {
                slots.remove(id);
            } else {
                ready.add(id);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The device's push failed in a passing way; {@code failed} carries the updated failure count.
     * The retry (or a follow-up wake, which takes its place) is due after {@code delayNanos}.
     *
     * @param expired the failed wake is too old to retry
     * @return false if the wake was given up: expired, and no newer wake is waiting
     */
    boolean afterFailure(Attempt<T> failed, boolean expired, long delayNanos) {
        UUID id = failed.target().deviceId();
        lock.lock();
        try {
            inFlight.remove(id);
            Slot slot = slots.get(id);
            if (slot != null) {
                slot.attempt = new Attempt<>(slot.attempt.target(), null, failed.failures());
            } else if (expired) {
                return false;
            } else {
                slot = new Slot(failed);
                slots.put(id, slot);
            }
            slot.scheduled = true;
            slot.dueNanos = nanoTime.getAsLong() + delayNanos;
            later.add(new Due(slot.dueNanos, id));
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Devices waiting for a push: ready, scheduled or follow-up. */
    int size() {
        lock.lock();
        try {
            return slots.size();
        } finally {
            lock.unlock();
        }
    }

    private void promoteDue() {
        long now = nanoTime.getAsLong();
        while (!later.isEmpty() && later.peek().dueNanos - now <= 0) {
            Due due = later.poll();
            Slot slot = slots.get(due.deviceId);
            // Skip entries whose slot has since been sent and rescheduled.
            if (slot != null && slot.scheduled && slot.dueNanos == due.dueNanos) {
                slot.scheduled = false;
                ready.add(due.deviceId);
            }
        }
    }
}
